/**
 * The words Chinese addresses are built from, by the part they name. An address is a chain of
 * parts, each some characters ending in one of these words (朝阳 + 区, 建国 + 路, 88 + 号, 3 + 栋…).
 * Written from how addresses are written (国家标准 GB/T 23705 and common delivery forms), not from
 * any corpus.
 */

/** Administrative levels above the township: 省、市、区、县… (the gazetteer knows most names). */
export const DIVISION_WORDS = ['特别行政区', '自治区', '自治州', '自治县', '自治旗', '开发区', '高新区', '新区', '地区', '省', '市', '区', '县', '旗', '盟', '州'];

/** Township level: 镇、乡、街道 (a few thousand names each, not in the gazetteer). */
export const TOWNSHIP_WORDS = ['街道', '镇', '乡', '苏木'];

/** Village level: 村 and the groups inside it (村民小组, 屯, 社, 队), and the urban 社区. */
export const VILLAGE_WORDS = ['社区', '新村', '嘎查', '村', '屯', '组', '社', '队'];

/** Roads, lanes and crossings; 段 is a section of a road (东段, 一段), 里 a lane (小关北里). */
export const ROAD_WORDS = ['交叉口', '交汇处', '十字路口', '路口', '大街', '大道', '胡同', '公路', '路', '街', '道', '巷', '弄', '段', '里'];

/** Named estates, buildings and compounds. */
export const ESTATE_WORDS = [
  '小区',
  '花园',
  '家园',
  '公寓',
  '大厦',
  '大楼',
  '写字楼',
  '广场',
  '中心',
  '园区',
  '校区',
  '基地',
  '工业区',
  '商城',
  '山庄',
  '公馆',
  '华庭',
  '国际',
  '宿舍',
  '苑',
  '府',
  '庄',
  '城',
  '园',
  '院',
  '塔',
  '湾',
  '郡',
  '邸',
  '墅',
  '楼',
  '座',
];

/** Estates people live in: with a district or a cue word they are an address even without a number. */
export const RESIDENTIAL_WORDS = ['小区', '花园', '家园', '公寓', '山庄', '公馆', '华庭', '宿舍', '苑'];

/**
 * The numbered parts, by level: 1 a building (3栋, B座, 5号楼), 2 a unit or entrance (2单元, 2门),
 * 3 a floor (18楼, 21层), 4 a room or shop (1203室, 2号铺). 0: a zone of an estate (二期, D区).
 * Street and house numbers (88号, 88弄, 七巷) are told apart by what precedes them.
 */
export const UNIT_LEVELS: Record<string, number> = {
  号楼: 1,
  号院: 1,
  栋: 1,
  幢: 1,
  座: 1,
  单元: 2,
  门: 2,
  楼: 3,
  层: 3,
  室: 4,
  房: 4,
  户: 4,
  号铺: 4,
  商铺: 4,
  铺: 4,
  号: 4,
  期: 0,
  区: 0,
  排: 0,
};

/** The same words in traditional characters (Hong Kong, Macao, Taiwan): 忠孝東路四段100號, 美映樓1203室. */
export const TRADITIONAL: Record<string, string> = {
  特別行政區: '特别行政区',
  自治區: '自治区',
  開發區: '开发区',
  新區: '新区',
  地區: '地区',
  園區: '园区',
  社區: '社区',
  寫字樓: '写字楼',
  廣場: '广场',
  大廈: '大厦',
  大樓: '大楼',
  花園: '花园',
  號樓: '号楼',
  號院: '号院',
  號鋪: '号铺',
  單元: '单元',
  號: '号',
  樓: '楼',
  層: '层',
  區: '区',
  縣: '县',
  鄉: '乡',
  鎮: '镇',
  棟: '栋',
  門: '门',
  園: '园',
  莊: '庄',
  灣: '湾',
  邨: '村',
};

/** Words that introduce an address. The text after them may be an address with fewer parts. */
export const ADDRESS_CUES = [
  '收货地址',
  '收件地址',
  '寄件地址',
  '发货地址',
  '家庭住址',
  '家庭地址',
  '通讯地址',
  '通信地址',
  '联系地址',
  '居住地址',
  '现居住地',
  '现住址',
  '户籍地址',
  '户籍地',
  '注册地址',
  '办公地址',
  '公司地址',
  '详细地址',
  '所在地区',
  '经营场所',
  '住所地',
  '居住地',
  '住所',
  '住址',
  '地址',
  '住在',
  '家住',
  '现住',
  '居住在',
  '寄到',
  '寄往',
  '寄至',
  '送到',
  '送至',
  '送往',
  '送达',
  '发到',
  '发往',
  '搬到',
  '搬至',
  '搬往',
  '位于',
  '住于',
  '落户',
  '门牌号',
  '门牌',
  '房间号',
  '房号',
  '楼号',
  '家在',
  '家是',
  '我家',
  '住',
];

/**
 * Characters that (almost) never appear inside a place name: an address part does not reach back
 * across them. A division that starts with one (从化区, 那曲市, 于都县) is still read whole.
 */
export const STOP_CHARS = '是在住到了我你他她把给请送寄搬址往呢吗吧啊呀哦就也还的这哪从去于那跟被让叫说问帮对';

/** The 55 recognized ethnic groups (and 各族), as written in the names of autonomous divisions. */
export const ETHNIC_GROUPS =
  '蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|高山|拉祜|水|东乡|纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺|各';
