/**
 * Addresses, by how they are written (issue 11). Every sentence here was written for this test from
 * the forms addresses take — none is taken from an evaluation corpus.
 */
import { detect } from '../../shared/privacy/detect';
import { detectAddresses } from '../../shared/privacy/detectors/address';
import { PrivacySession } from '../../shared/privacy/session';
import { TextIndex } from '../../shared/privacy/text-index';

const addresses = (text: string) =>
  detect(text)
    .filter((s) => s.type === 'ADDRESS')
    .map((s) => s.text);

/** Every character of `value` inside some placeholder once `text` is redacted: nothing of it reaches the model. */
function hidden(text: string, value: string): boolean {
  const at = text.indexOf(value);
  const covered = new Uint8Array(text.length);
  for (const e of new PrivacySession().redact(text).entities) covered.fill(1, e.start, e.end);
  return at >= 0 && covered.subarray(at, at + value.length).every((x) => x === 1);
}

type Case = [text: string, expected: string[]];

const positives: Record<string, Case[]> = {
  'a full address, province to room': [
    ['我住在广东省珠海市香洲区凤凰北路88号3栋1202室，谢谢', ['广东省珠海市香洲区凤凰北路88号3栋1202室']],
    ['新疆乌鲁木齐市天山区解放南路8号', ['新疆乌鲁木齐市天山区解放南路8号']],
    ['寄到中国广东省珠海市香洲区凤凰北路88号', ['中国广东省珠海市香洲区凤凰北路88号']],
    ['广西柳州市城中区文昌路100号', ['广西柳州市城中区文昌路100号']],
    ['甘孜州康定市炉城镇向阳街5号', ['甘孜州康定市炉城镇向阳街5号']],
  ],
  'no province or city: a district, or only a road': [
    ['快递放在海珠区江南大道中128号门口', ['海珠区江南大道中128号']],
    ['寄到鼓楼区中山北路200号，收件人写我', ['鼓楼区中山北路200号']],
    ['门店在高新南路312号', ['高新南路312号']],
    ['上海人民路88弄', ['上海人民路88弄']],
    ['静安区延安中路1788弄2号1202室', ['静安区延安中路1788弄2号1202室']],
    ['朝阳区小关北里24号', ['朝阳区小关北里24号']],
    ['海淀区中关村大街27号中关村大厦8层', ['海淀区中关村大街27号中关村大厦8层']],
    ['佳木斯市前进区长安路东三道街21号', ['佳木斯市前进区长安路东三道街21号']],
    ['东城区建国门内大街甲18号', ['东城区建国门内大街甲18号']],
    ['拱墅区莫干山路88-1号', ['拱墅区莫干山路88-1号']],
    ['台北市信义区信义路五段7号', ['台北市信义区信义路五段7号']],
    ['台北市大安區忠孝東路四段100號', ['台北市大安區忠孝東路四段100號']],
    ['新北市板橋區文化路一段188巷12號5樓', ['新北市板橋區文化路一段188巷12號5樓']],
    ['我家在城关镇东街12号', ['城关镇东街12号']],
    ['单位：海淀区人民法院，地址：海淀区丹棱街12号', ['海淀区丹棱街12号']],
    ['九龙弥敦道123号', ['九龙弥敦道123号']],
    ['地址：中山路与解放路交叉口', ['中山路与解放路交叉口']],
  ],
  'building, unit and room': [
    ['麻烦放到6栋3单元702门口', ['6栋3单元702']],
    ['我在5号楼1203室，上来就行', ['5号楼1203室']],
    ['公司在C座1906，电梯上19楼', ['C座1906']],
    ['我家是12-3-401，按门铃', ['12-3-401']],
    ['7幢3单元602室的业主投诉噪音', ['7幢3单元602室']],
    ['东城区东四十条24号院3号楼201', ['东城区东四十条24号院3号楼201']],
    ['我住３栋２单元５０１', ['３栋２单元５０１']],
    ['住在三号楼二单元', ['三号楼二单元']],
  ],
  'estates and buildings with their numbers': [
    ['我家翠湖花园9栋4单元1103，楼下有超市', ['翠湖花园9栋4单元1103']],
    ['新城公寓A座1502的租客', ['新城公寓A座1502']],
    ['星河大厦B座2201是我们办公室', ['星河大厦B座2201']],
    ['时代广场2号楼1805，下午过来', ['时代广场2号楼1805']],
    ['我住万科城市花园3期5栋1单元101', ['万科城市花园3期5栋1单元101']],
    ['我住在金辉名都6栋2单元802', ['金辉名都6栋2单元802']],
    ['阳光小区12-3-401', ['阳光小区12-3-401']],
    ['恒隆大厦16楼1602室见', ['恒隆大厦16楼1602室']],
    ['地址：广州市天河区体育西路103号维多利广场A塔3201', ['广州市天河区体育西路103号维多利广场A塔3201']],
    ['深圳南山区粤海街道科苑路15号科兴科学园B栋4单元702', ['深圳南山区粤海街道科苑路15号科兴科学园B栋4单元702']],
    ['我住在锦江酒店1208房', ['锦江酒店1208房']],
    ['住在星海公寓1502室', ['星海公寓1502室']],
    ['香港九龍深水埗石硤尾邨美映樓1203室', ['香港九龍深水埗石硤尾邨美映樓1203室']],
    ['到了给我打电话，我在金地格林小城三期12号楼2单元', ['金地格林小城三期12号楼2单元']],
    ['房东在群里说：桃源新村25号楼302的租客注意', ['桃源新村25号楼302']],
    ['寄到：北京市朝阳区望京SOHO T3 1506', ['北京市朝阳区望京SOHO T3 1506']],
  ],
  'rural addresses: township, village, group': [
    ['老人从柳河镇李家村5组的家里出来', ['柳河镇李家村5组']],
    ['平江县三市镇红旗村的房子', ['平江县三市镇红旗村']],
    ['籍贯：湖南省某某县某某乡某某村', ['湖南省某某县某某乡某某村']],
    ['寄到张家庄村五组18号', ['张家庄村五组18号']],
    ['他家在石桥乡林场村三社', ['石桥乡林场村三社']],
    ['地址是红星村2队', ['红星村2队']],
    ['家住靠山屯', ['靠山屯']],
    ['黑龙江省桦南县明义乡靠山屯', ['黑龙江省桦南县明义乡靠山屯']],
    ['我住湖滨街道东坡社区', ['湖滨街道东坡社区']],
    ['住址：安化县梅城镇启安村4组17号', ['安化县梅城镇启安村4组17号']],
    ['老家在平江县城关镇城东村', ['平江县城关镇城东村']],
    ['寄到千阳县崔家乡花园村', ['千阳县崔家乡花园村']],
    ['地址：东阿县铜城镇绿城新村12号', ['东阿县铜城镇绿城新村12号']],
    ['我住曹杨新村8-3-1702', ['曹杨新村8-3-1702']],
    ['户籍所在地：贵州省毕节市威宁县石门乡团结村', ['贵州省毕节市威宁县石门乡团结村']],
  ],
  'split by a line break, or with spaces inside': [
    ['收货地址：江苏省南京市鼓楼区湖南路街道\n中山北路30号', ['江苏省南京市鼓楼区湖南路街道\n中山北路30号']],
    ['浙江省 宁波市 海曙区 中山西路 138号', ['浙江省 宁波市 海曙区 中山西路 138号']],
    ['送到 海淀区 学院路 37号 3号楼 502', ['海淀区 学院路 37号 3号楼 502']],
    ['珠海市 香洲区 凤凰北路 926 号 3 栋 1202', ['珠海市 香洲区 凤凰北路 926 号 3 栋 1202']],
    ['地址：翠湖小区\n3栋502', ['翠湖小区\n3栋502']],
    ['珠海市香洲区凤凰北路\n88号', ['珠海市香洲区凤凰北路\n88号']],
    ['放到吉林省长春市绿园区\n青年路1189弄碧水花园7号楼1801', ['吉林省长春市绿园区\n青年路1189弄碧水花园7号楼1801']],
    ['寄：杭州市拱墅区湖墅南路 186号 2幢 1单元 1203', ['杭州市拱墅区湖墅南路 186号 2幢 1单元 1203']],
    ['收货地址: 辽宁省大连市甘井子区 泉水街道 泉水K2区 19号楼 3单元 5-2', ['辽宁省大连市甘井子区 泉水街道 泉水K2区 19号楼 3单元 5-2']],
  ],
  'delivery forms and cue words': [
    [
      '收货人：李雷 手机：13800001111 收货地址：四川省成都市锦江区春熙路街道红星路三段99号银石广场15楼1503',
      ['四川省成都市锦江区春熙路街道红星路三段99号银石广场15楼1503'],
    ],
    ['所在地区：江苏省 苏州市 姑苏区 平江街道', ['江苏省 苏州市 姑苏区 平江街道']],
    ['所在地区：四川省绵阳市涪城区\n详细地址：临园路东段12号', ['四川省绵阳市涪城区', '临园路东段12号']],
    ['家住丰台区丽泽路', ['丰台区丽泽路']],
    ['住址：北京市海淀区紫竹小区', ['北京市海淀区紫竹小区']],
    ['房号：5-2-1203', ['5-2-1203']],
    ['我住碧桂园十里银滩12号', ['碧桂园十里银滩12号']],
  ],
  'English addresses in mixed text': [
    ['我的地址是 Room 2205, 66 Century Ave, Pudong, Shanghai，谢谢', ['Room 2205, 66 Century Ave, Pudong, Shanghai']],
    ['寄到 Flat 5B, 22 Nathan Road, Tsim Sha Tsui, Kowloon 谢谢', ['Flat 5B, 22 Nathan Road, Tsim Sha Tsui, Kowloon']],
    [
      'Building 7, No. 1 Zhongguancun East Road, Haidian District, Beijing 100084',
      ['Building 7, No. 1 Zhongguancun East Road, Haidian District, Beijing 100084'],
    ],
    ['88 Century Avenue, Pudong New Area, Shanghai 200120, China', ['88 Century Avenue, Pudong New Area, Shanghai 200120, China']],
    ['ship to Apt 4B, 350 5th Avenue, New York, NY 10118.', ['Apt 4B, 350 5th Avenue, New York, NY 10118']],
    ['Flat 12B, Tower 3, Taikoo Shing, Hong Kong', ['Flat 12B, Tower 3, Taikoo Shing, Hong Kong']],
    [
      "I'm at Room 302, Building 8, Tsinghua University, Haidian District, Beijing",
      ['Room 302, Building 8, Tsinghua University, Haidian District, Beijing'],
    ],
    [
      'my address is 25/F, Tower 2, Times Square, 1 Matheson Street, Causeway Bay, Hong Kong',
      ['25/F, Tower 2, Times Square, 1 Matheson Street, Causeway Bay, Hong Kong'],
    ],
    ['Office: No.1 Jianguomenwai Dajie, Chaoyang District, Beijing', ['No.1 Jianguomenwai Dajie, Chaoyang District, Beijing']],
    ['Room 501, No. 8 Building, Lane 1000, Zhangyang Road, Pudong', ['Room 501, No. 8 Building, Lane 1000, Zhangyang Road, Pudong']],
    ['Suite 1500, 100 Pine Street, San Francisco, CA 94111', ['Suite 1500, 100 Pine Street, San Francisco, CA 94111']],
  ],
};

const negatives: Record<string, string[]> = {
  'public venues named as places': [
    '去万达广场吃饭吧',
    '万达广场3楼的星巴克人很多',
    '天安门广场几点升旗',
    '上海中心大厦有多高',
    '腾讯大厦怎么走',
    '王府井步行街好玩吗',
    '中山路小吃街有什么推荐',
    '会展中心5层502室举办讲座',
    '去故宫博物院',
    '他在上海市浦东新区陆家嘴金融中心上班',
    '商场5层美食',
    '1号线转2号线到人民广场',
    '2号航站楼',
    '地铁2号口出',
    '5号门集合',
    '请到市人民医院门诊楼3楼',
    '我在国贸三期B座写字楼上班',
    '2号楼3层301会议室',
    '教学楼A301上课',
    '在人民路口等我',
    '十字路口左转',
    '东方明珠塔高468米',
    '世纪大道站换乘',
    '到北京西站怎么走',
    '清华大学东门',
    '地铁4号线西直门站',
  ],
  'bare cities, provinces and districts': [
    '我在北京工作三年了',
    '我在深圳市南山区上班',
    '北京市朝阳区的房价',
    '浙江省杭州市的天气',
    '我家住在上海',
    '我住在朝阳区',
    '我住在北京市朝阳区',
    '地址：北京市朝阳区',
    '故宫位于北京市东城区',
    '华为总部位于深圳市龙岗区坂田街道',
    '北京大学在海淀区',
    '坐标：杭州市西湖区',
    '我在杭州市余杭区仓前街道梦想小镇上班',
    '下周二去上海市浦东新区出差',
    '老家在湖南省邵阳市',
    '送到北京市朝阳区2024年前',
  ],
  'company and institution names': [
    '深圳市腾讯计算机系统有限公司',
    '中国人民银行深圳市中心支行',
    '上海市第一人民医院',
    '北京市第四中学',
    '阿里巴巴杭州总部',
  ],
  'numbers that are not addresses': [
    '第3单元练习题怎么做',
    '第二单元的课文',
    '3月8号开会',
    '坐5路公交车',
    '这套房12楼120平米',
    '日期 2024-3-15',
    '驿站取件码3-2-1705，今天取',
    '版本2.3.1',
    '小区有3栋楼',
    '共有3栋2单元',
    '这条路10号起封闭',
    '马路10号开始施工',
    '12栋楼都停电了',
    '今年第5期节目',
    '国发〔2024〕3号文件',
    '京ICP备12345678号',
    '星期五10号交报告',
    '第5单元的作业',
    '一共有12栋住宅楼',
  ],
  'ordinary words that end like address parts': [
    '我们小区物业太差了',
    '家住农村',
    '我住在河南省农村',
    '三组数据对比',
    '五组同学负责打扫',
    '社区医院几点开门',
    '乡村振兴',
    '他报名了乡村支教',
    '农村合作社',
    '城中村改造',
    '龙华公园2号门集合',
    '东阳医院2号楼11楼缴费',
    '学校宿舍几点熄灯',
    '住宿推荐太古里附近的酒店',
    '住院部在6号楼，门诊在1号楼',
    '考试地点在第二教学楼301教室',
    '培训中心302室上课',
    'The meeting is in Room 5',
    'Building 3 is closed',
    'I live in Shanghai',
  ],
};

describe('addresses', () => {
  for (const [category, cases] of Object.entries(positives)) {
    describe(category, () => {
      it.each(cases)('%s', (text, expected) => {
        expect(addresses(text)).toEqual(expected);
        for (const value of expected) expect(hidden(text, value)).toBe(true);
      });
    });
  }
});

describe('not addresses', () => {
  for (const [category, texts] of Object.entries(negatives)) {
    describe(category, () => {
      it.each(texts)('%s', (text) => {
        expect(detectAddresses(new TextIndex(text))).toEqual([]);
      });
    });
  }
});

describe('restoring', () => {
  const all = [...Object.values(positives).flatMap((cases) => cases.map(([text]) => text)), ...Object.values(negatives).flat()];

  it('gives back every text exactly: restore(redact(x)) = x', () => {
    for (const text of all) {
      const session = new PrivacySession();
      expect(session.restore(session.redact(text).redacted)).toBe(text);
    }
  });

  it('gives back a whole prompt with several addresses, across a line break', () => {
    const text = all.join('\n');
    const session = new PrivacySession();
    const { redacted } = session.redact(text);
    expect(redacted).toContain('[ADDRESS_');
    expect(redacted).not.toContain('凤凰北路88号');
    expect(session.restore(redacted)).toBe(text);
  });
});
