/** `npm run reset`: wipes the local cloud's data (.data/ or QIAO_DATA_DIR). */
import * as fs from 'node:fs';
import * as path from 'node:path';

const dataDir = path.resolve(process.env.QIAO_DATA_DIR ?? path.join(__dirname, '..', '.data'));
fs.rmSync(dataDir, { recursive: true, force: true });
console.log(`removed ${dataDir}`);
