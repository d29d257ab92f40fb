// Writes the props files mpshot shoots the markdown component with (node make.mjs).
import { writeFileSync } from 'node:fs';

const rich = `# 北京三日游攻略

这是一份**简明**的行程建议，*仅供参考*，~~不含门票~~。联系电话 13812345678，网址 https://www.example.com/travel/beijing/very/long/path/that/keeps/going/on?ref=qiao-mini-program 。

## 行程安排

1. 第一天：故宫、景山公园
2. 第二天：长城
   - 八达岭：人多，交通方便
   - 慕田峪：人少，风景好
     - 缆车往返约 \`140 元\`
3. 第三天：颐和园

- [x] 预约门票
- [ ] 准备身份证

> 提示：故宫**周一闭馆**，请提前在官网预约。
> > 引用里的引用：节假日人很多。

### 费用对比

| 项目 | 价格（元） | 备注 |
| :--- | ---: | :---: |
| 故宫 | 60 | 旺季 |
| 长城缆车 | 140 | 往返 |
| 颐和园 | 30 | 联票 |

---

用 Python 计算总价：

\`\`\`python
prices = {"故宫": 60, "长城缆车": 140, "颐和园": 30}
total = sum(prices.values())
print(f"合计：{total} 元")
\`\`\`

原样显示的 HTML：<script>alert(1)</script> 和 <img src=x onerror=alert(1)>，[危险链接](javascript:alert(1))，[官网](https://www.dpm.org.cn)。
第一行
第二行（换行）`;

const streaming = `## 回答

好的，下面是一个**快速排序**的实现：

\`\`\`js
function quickSort(arr) {
  if (arr.length <= 1) return arr;
  const [pivot, ...rest] = arr;
  return [
    ...quickSort(rest.filter((x) => x < pivot)),
    pivot,
`;

const streamingText = `在北京旅游时，建议优先安排**故宫和`;

const longCode = `这段 SQL 很长，可以左右滑动查看：

\`\`\`sql
SELECT o.order_id, o.created_at, u.nickname, SUM(i.amount_micro) AS total_micro, COUNT(*) AS item_count FROM orders o JOIN users u ON u.openid = o.openid JOIN order_items i ON i.order_id = o.order_id WHERE o.status = 'paid' GROUP BY o.order_id ORDER BY o.created_at DESC LIMIT 20;
\`\`\`

| 列 1 | 列 2 | 列 3 | 列 4 | 列 5 | 列 6 | 列 7 |
| --- | --- | --- | --- | --- | --- | --- |
| 很长的单元格内容会换行显示 | b | c | d | e | f | g |

超长英文单词：Pneumonoultramicroscopicsilicovolcanoconiosis-Pneumonoultramicroscopicsilicovolcanoconiosis。`;

const write = (name, props) => writeFileSync(new URL(`${name}.json`, import.meta.url), JSON.stringify(props, null, 2) + '\n');
write('rich', { text: rich, streaming: false });
write('streaming-code', { text: streaming, streaming: true });
write('streaming-text', { text: streamingText, streaming: true });
write('long-code', { text: longCode, streaming: false });
