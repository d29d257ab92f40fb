/** Names found by where they stand (detectors/person-structure.ts): one example per place, written for this test. */
import { PrivacySession } from '../../shared/privacy/session';

const hidden = (text: string) => {
  const session = new PrivacySession();
  const { redacted } = session.redact(text);
  expect(session.restore(redacted)).toBe(text);
  return redacted;
};

describe('names by their place', () => {
  it.each([
    ['chat speakers', '黄立群：周五的会改到下午\n雷小雨：好的\n黄立群：记得带投影仪', ['黄立群', '雷小雨']],
    ['speakers with times and roles', '[09:12] 设计师小潘: 瓷砖到了\n[09:15] 物业-小蒋: 电梯可以用', ['小潘', '小蒋']],
    ['a speaker without a surname who talks twice', '阿依努尔：几点出发\n吴昊：八点\n阿依努尔：好', ['阿依努尔', '吴昊']],
    ['@mentions', '@宫晓明 麻烦把合同发我', ['宫晓明']],
    ['table cells', '| 序号 | 姓名 | 部门 |\n|---|---|---|\n| 1 | 阚志远 | 财务 |', ['阚志远']],
    ['roster lines', '值班安排：\n晏子豪 13912345670 早班\n莘雅琪 13912345671 晚班', ['晏子豪', '莘雅琪']],
    ['a line of names', '抽奖名单：\n诸葛明远 欧阳晓 闻一帆 甘雨涵', ['诸葛明远', '欧阳晓', '闻一帆', '甘雨涵']],
    ['enumerations', '参会人员：许文静、邹家明、景一凡', ['许文静', '邹家明', '景一凡']],
    ['kinship', '我舅舅甘国庆下周做手术，我表姐雷雨薇陪床', ['甘国庆', '雷雨薇']],
    ['surname and a form of address', '明天让老彭去接霍总，找葛姐拿钥匙', ['老彭', '霍', '葛']],
    ['label and value', '投保人：濮阳明轩  受益人：蒯思琪', ['濮阳明轩', '蒯思琪']],
    ['romanized names', 'Kevin Zhang 和 Chen Yuting 下周到上海', ['Kevin Zhang', 'Chen Yuting']],
    ['passport style', '乘机人：OUYANG/MINGXUAN', ['OUYANG/MINGXUAN']],
    ['transliterated with a dot', '合同由米尔扎提·阿不都签字', ['米尔扎提·阿不都']],
    ['minority names without a surname', '藏族同学次仁卓玛和蒙古族同学巴特尔', ['次仁卓玛', '巴特尔']],
    ['a surname alone', '客服说他姓闵，让我下次直接找他', ['闵']],
    ['details after a name', '被保险人：我爱人，燕子航，男，1988年生', ['燕子航']],
    ['the given name alone after the full name', '同事覃海峰今天请假，海峰说明天补上', ['覃海峰', '海峰']],
  ])('%s', (_what, text, names) => {
    const redacted = hidden(text);
    for (const name of names) expect(redacted).not.toContain(name);
  });

  it.each([
    ['public figures and characters', '周杰伦的新歌和诸葛亮的故事，令狐冲是谁写的'],
    ['ordinary words that start with a surname', '时间：下午三点\n地点：金山公园\n备注：带水'],
    ['form labels are not speakers', '申请人：\n投诉事项：退款\n转让方：某某科技有限公司'],
    ['nicknames in a chat log are not names', '老韭菜：今天又跌了\n稳健派：别慌\n老韭菜：割肉了'],
    ['subjects before a teacher', '历史老师和语文老师都说要复习'],
    ['a version is not a name', 'Release Notes: Version 2.3 fixes login'],
    ['shifts and days in a roster', '周一 白班\n周二 夜班\n周三 休息'],
  ])('leaves %s alone', (_what, text) => {
    expect(new PrivacySession().redact(text).entities.filter((e) => e.type === 'PERSON')).toEqual([]);
  });
});
