/**
 * More name data for the structural person detectors (detectors/person-structure.ts). Hand-kept:
 * each list says what it is for.
 */

/**
 * Surnames beyond the common list that are not ordinary words on their own (from 百家姓 and modern
 * registers): trusted where the structure already says "a person goes here" (a chat speaker, a table
 * cell of names, a kinship phrase), never alone.
 */
export const RARE_SURNAMES =
  '鄢晋阚栗楚邸沐訾谌侬冼傅洪赖郁湛禹狄贝伏茅昝裘贲杭钮嵇荀芮羿储汲邴糜宓蓬郗仰钭厉戎束韶郜蓟薄邰鄂索蔺屠胥苍闻莘贡逄堵宰郦雍郤璩濮寿扈燕冀郏浦阎慕茹宦庾暨衡弘匡禄阙殳沃蔚夔隆厍晁勾訾阚乜鞠巢蒯荆竺逯桓酆廉奚凤乌';

/**
 * Surnames that are also ordinary words (花, 那, 步, 计…): trusted only with given-name characters and
 * only where the structure says a person stands there.
 */
export const WORDISH_SURNAMES = '水云花乐皮元平计谈强危支经干宣诸滑惠家封松井富巴弓牧山班秋幸印宿怀从咸籍阴能双劳扶通别充习鱼容慎戈终居步都满国广东利越融那空养须丰相后红权盖益公';

/**
 * Pieces of Uyghur, Kazakh, Tibetan, Mongolian and Yi names, written without a surname (扎西多吉,
 * 阿依古丽, 乌云其木格, 热依拉艾山): a run made of two or more of them is a name.
 */
// prettier-ignore
export const MINORITY_NAME_PARTS = ['阿依', '古丽', '米热', '热依拉', '艾山', '吐尔逊', '买买提', '阿不都', '阿卜杜拉', '努尔', '帕提', '迪丽', '玛依拉', '热娜', '阿迪力', '艾力', '伊力', '库尔班', '热合曼', '亚森', '依明', '阿力木', '木合', '塔尔', '艾尔肯', '尔肯', '扎西', '多吉', '卓玛', '次仁', '格桑', '达瓦', '央金', '拉姆', '旺堆', '平措', '尼玛', '索朗', '顿珠', '巴桑', '德吉', '曲珍', '白玛', '措姆', '普布', '旦增', '巴特尔', '乌云', '其木格', '格日勒', '苏日娜', '那仁', '额尔敦', '宝音', '朝鲁', '斯琴', '萨仁', '图雅', '青格乐', '包青格乐', '孟和', '哈斯', '巴图', '敖登', '沙马', '拉则', '吉克', '阿西', '阿苦', '哈力', '别克', '努尔兰', '叶尔兰', '阿依古丽', '娜尔', '古丽娜尔'];

/** More characters seen in given names, added to the common list for structural contexts. */
export const MORE_GIVEN_CHARS =
  '紫禾溪若诺沐语占邦腊依鹰琴曼航淼垚晟昕昱晔暄旻炜烨煜熠灿璨瑄瑗琬琰琨珺珏玥玮珂珞骁骏驰腾嵘崧峻巍屹渊澜沛澄湘漪涟潇瀚灏淇洵洁泓泽源谦逊谨诺谊词韵笛箫筱婧婵娅姝妮娉媚嫱姣妤妘蕴芷芊芙苒茗茹荔荟莎菁萌萦葳蓁蔓蕙薇楚杉栩桦棠楷槿樱枫梧朵杏柚榕璞玺钧铎锋铮钰钊钦恺恬慈恩悟惟愉憬忆念恒恕悠晖曜曙朗宽宜宥宪宾寒尧岐岭崇巧彦彪征御忻慰扬承抒捷敏敦斐昂昆昭晋普暖朋桐梁棋植榆欢沁沐治泉泰洲浪润淡溪滨漫灵炎烈焕照熙玖玛玫皓盈硕祺禧秉竞箐粲纯绍维翠翰耀聪舒芃芳茂莉萍落葵蓉蕊虹裕誉贤贵超跃辉迎邦钟锦闻雅雯震霞靖韩颂馨鸿黎';

/** Kinship and relationship words that introduce a person's name right after them (我爸刘建国, 二舅张德福). */
// prettier-ignore
export const KINSHIP = ['爸爸', '妈妈', '爸', '妈', '父亲', '母亲', '老爸', '老妈', '哥哥', '姐姐', '弟弟', '妹妹', '哥', '姐', '弟', '妹', '老公', '老婆', '丈夫', '妻子', '爱人', '媳妇', '儿子', '女儿', '爷爷', '奶奶', '外公', '外婆', '姥姥', '姥爷', '舅舅', '舅妈', '姨妈', '姨父', '姑姑', '姑父', '叔叔', '婶婶', '伯伯', '伯母', '大伯', '表哥', '表姐', '表弟', '表妹', '堂哥', '堂姐', '堂弟', '堂妹', '侄子', '侄女', '外甥', '外甥女', '外孙', '外孙女', '孙子', '孙女', '公公', '婆婆', '岳父', '岳母', '丈母娘', '老丈人', '女婿', '儿媳', '嫂子', '大嫂', '姐夫', '妹夫', '小舅子', '闺蜜', '室友', '男朋友', '女朋友', '男友', '女友', '前夫', '前妻', '未婚夫', '未婚妻', '发小', '大舅', '二舅', '三舅', '小舅', '大姨', '二姨', '三姨', '小姨', '大姑', '二姑', '小姑', '大叔', '二叔', '三叔', '小叔', '大爷', '二爷', '三爷', '大哥', '二哥', '三哥', '大姐', '二姐', '三姐', '干妈', '干爹', '继父', '继母', '邻居', '同桌', '师兄', '师姐', '师弟', '师妹', '学长', '学姐', '学弟', '学妹', '徒弟', '师父', '搭档', '合伙人', '对象', '家人', '亲戚'];

/** Roles written right before a name (人事文佳, 运维邢立伟, 家长沐建平, 二房东楚浩): the name must look like one. */
// prettier-ignore
export const ROLE_NOUNS = ['兹证明', '人事', '运维', '同事', '房东', '二房东', '大房东', '幼儿', '学生', '家长', '客户', '业主', '住户', '司机', '保姆', '护工', '保安', '前台', '会计', '出纳', '秘书', '助理', '经纪人', '婚生女', '婚生子', '长子', '长女', '次子', '次女', '本人', '居民', '市民', '村民', '租户', '员工', '职工', '工人', '队员', '组员', '学员', '患儿', '孙子', '孙女', '外孙', '主治', '管床', '值班', '责任护士', '联系人', '对接人', '负责人', '师兄', '师姐', '学长', '学姐'];

/** Titles and forms of address that follow a surname alone (李总, 葛姐, 聂爷爷, 童哥). */
// prettier-ignore
export const SHORT_TITLES = ['导', '专员', '工程师', '师兄', '师姐', '老师傅', '总', '总监', '经理', '主任', '主管', '老师', '医生', '大夫', '护士', '律师', '会计', '教授', '博士', '院长', '校长', '所长', '科长', '处长', '局长', '部长', '厂长', '队长', '班长', '组长', '店长', '站长', '行长', '馆长', '老板', '老板娘', '师傅', '工', '哥', '姐', '叔', '姨', '阿姨', '叔叔', '爷爷', '奶奶', '大爷', '大妈', '大叔', '大姐', '大哥', '婶', '伯', '嫂', '先生', '女士', '小姐', '同学', '同志', '书记', '警官', '教练', '导演', '编辑', '记者', '秘书', '助理', '老总', '董', '总裁'];

/**
 * Words a chat speaker or a form label can be that are not names (大姑：, 群主：, 地址：): a line that
 * starts with one of these and a colon is not a person speaking, or is a role, not a name.
 */
// prettier-ignore
export const NOT_SPEAKERS = ['我', '你', '他', '她', '我们', '大家', '群主', '管理员', '客服', '系统', '用户', '机器人', '助手', '主持人', '老师', '班主任', '家长', '业主', '物业', '所有人', '全体成员', '全体', '房东', '租客', '中介', '卖家', '买家', '商家', '店家', '司机', '乘客', '医生', '患者', '病人', '护士', '律师', '原告', '被告', '甲方', '乙方', '丙方', '领导', '老板', '同事', '组长', '经理', '问', '答', '问题', '回答', '答案', '备注', '注意', '提示', '说明', '原因', '结果', '结论', '时间', '日期', '地点', '地址', '电话', '手机', '邮箱', '微信', '金额', '价格', '费用', '数量', '标题', '主题', '内容', '摘要', '总结', '要求', '目标', '方案', '计划', '进度', '状态', '附件', '链接', '来源', '作者', '编号', '单号', '订单', '型号', '规格', '品牌', '项目', '部门', '职位', '岗位', '学历', '专业', '性别', '年龄', '民族', '籍贯', '身高', '体重', '血型', '症状', '诊断', '病史', '过敏', '用药', '医嘱', '第一', '第二', '第三', '其一', '其二', '首先', '其次', '最后', '另外', '补充', '更新', '通知', '公告', '重要', '紧急', '例如', '比如', '举例', '翻译', '原文', '译文', '中文', '英文', '输入', '输出', '错误', '报错', '日志', '代码', '示例', '格式', '周一', '周二', '周三', '周四', '周五', '周六', '周日', '上午', '下午', '晚上', '早上', '中午', '今天', '明天', '昨天', '白班', '夜班', '早班', '中班', '晚班', '休息', '值班', '轮休', '请假', '全天', '半天', '每天', '白天', '班主任'];

/** Capitalized words in English text that are not names, though they look like a given name or a pinyin surname. */
// prettier-ignore
export const NOT_LATIN_NAMES = ['Hong', 'Kong', 'Dear', 'Best', 'Kind', 'Regards', 'Thanks', 'Thank', 'Sir', 'Madam', 'Team', 'Note', 'Subject', 'From', 'To', 'Cc', 'Date', 'Time', 'Re', 'Fw', 'Fwd', 'Error', 'Warning', 'Info', 'Debug', 'User', 'Assistant', 'System', 'Question', 'Answer', 'Summary', 'Step', 'Example', 'Input', 'Output', 'Mobile', 'Tel', 'Email', 'Phone', 'Fax', 'Address', 'Room', 'Floor', 'Road', 'Street', 'Ave', 'China', 'Beijing', 'Shanghai', 'Shenzhen', 'Guangzhou', 'Hangzhou', 'Chengdu', 'Wuhan', 'Taipei', 'Macau', 'Singapore', 'Tokyo', 'London', 'Paris', 'New', 'York', 'San', 'Francisco', 'Apple', 'Google', 'Microsoft', 'Amazon', 'Tesla', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday', 'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December', 'Sales', 'Manager', 'Director', 'Senior', 'Junior', 'Lead', 'Engineer', 'Buyer', 'Procurement', 'Department', 'Company', 'Ltd', 'Inc', 'Co', 'Group', 'Customer', 'Service', 'Support', 'Hi', 'Hello', 'OK', 'Yes', 'No', 'The', 'This', 'That', 'And', 'Or', 'For', 'With', 'Please', 'Sorry', 'Mr', 'Mrs', 'Ms', 'Miss', 'Dr', 'Prof'];

/**
 * Romanized Chinese surnames (Hanyu Pinyin, Wade–Giles, Cantonese) and common English given names:
 * a capitalized pair with one of these is taken as a person's name (Chen Yuting, Kevin Zhang, Ng Ka Wai).
 */
// prettier-ignore
export const PINYIN_SURNAMES = ['Wang', 'Li', 'Lee', 'Zhang', 'Chang', 'Cheung', 'Liu', 'Lau', 'Chen', 'Chan', 'Tan', 'Yang', 'Yeung', 'Huang', 'Wong', 'Ng', 'Zhao', 'Chiu', 'Wu', 'Woo', 'Zhou', 'Chow', 'Chou', 'Xu', 'Hsu', 'Tsui', 'Sun', 'Ma', 'Zhu', 'Chu', 'Hu', 'Guo', 'Kwok', 'Kuo', 'He', 'Ho', 'Gao', 'Ko', 'Lin', 'Lam', 'Luo', 'Lo', 'Law', 'Zheng', 'Cheng', 'Liang', 'Leung', 'Xie', 'Tse', 'Hsieh', 'Song', 'Sung', 'Tang', 'Tong', 'Han', 'Hon', 'Feng', 'Fung', 'Deng', 'Tang', 'Cao', 'Tsao', 'Peng', 'Pang', 'Zeng', 'Tsang', 'Xiao', 'Siu', 'Hsiao', 'Tian', 'Dong', 'Tung', 'Yuan', 'Pan', 'Poon', 'Yu', 'Yue', 'Jiang', 'Chiang', 'Kong', 'Cai', 'Tsai', 'Choi', 'Du', 'To', 'Ye', 'Yip', 'Yeh', 'Su', 'So', 'Wei', 'Lu', 'Luk', 'Ding', 'Ting', 'Ren', 'Yam', 'Shen', 'Shum', 'Yao', 'Yiu', 'Cui', 'Tsui', 'Zhong', 'Chung', 'Fan', 'Jin', 'Kam', 'Shi', 'Shih', 'Sze', 'Liao', 'Liu', 'Jia', 'Xia', 'Ha', 'Fu', 'Fong', 'Fang', 'Bai', 'Pak', 'Zou', 'Chau', 'Meng', 'Mang', 'Xiong', 'Hung', 'Qin', 'Chun', 'Qiu', 'Yau', 'Yin', 'Wan', 'Xue', 'Sit', 'Yan', 'Yim', 'Duan', 'Lei', 'Lui', 'Hou', 'Hau', 'Long', 'Lung', 'Tao', 'To', 'Mao', 'Mo', 'Mok', 'Hao', 'Gong', 'Kung', 'Shao', 'Siu', 'Qian', 'Chin', 'Dai', 'Tai', 'Wen', 'Man', 'Kang', 'Hong', 'Gu', 'Koo', 'Mak', 'Lai', 'Tam', 'Au', 'Kwan', 'Kwong', 'Leong', 'Lim', 'Teo', 'Goh', 'Ong', 'Low', 'Yap', 'Chua', 'Quek', 'Lew', 'Sim', 'Toh', 'Seah', 'Yong', 'Zhuge', 'Ouyang', 'Situ', 'Shangguan', 'Sima', 'Murong', 'Huangfu', 'Yuchi', 'Qiu', 'Rao', 'Ruan', 'Qi', 'Niu', 'Miao', 'Lan', 'Mei', 'Cong', 'Gan', 'Yi', 'Zhuang', 'Qu', 'Xing', 'Nie', 'Lian', 'Ji', 'Jiao', 'Bao', 'Guan', 'Kuang', 'Qiao', 'Ou', 'Shu'];
// prettier-ignore
export const ENGLISH_GIVEN_NAMES = ['Kevin', 'Lily', 'Jason', 'Vivian', 'Cathy', 'Hannah', 'Tina', 'Cindy', 'Amy', 'Alice', 'Andy', 'Angela', 'Anna', 'Annie', 'Bella', 'Ben', 'Bill', 'Bob', 'Brian', 'Bruce', 'Carl', 'Carol', 'Catherine', 'Charles', 'Charlie', 'Chris', 'Christina', 'Cherry', 'Claire', 'Coco', 'Daisy', 'Daniel', 'David', 'Dennis', 'Derek', 'Eason', 'Eddie', 'Elaine', 'Eric', 'Emily', 'Emma', 'Eva', 'Evan', 'Frank', 'Fiona', 'Gary', 'George', 'Grace', 'Helen', 'Henry', 'Iris', 'Ivy', 'Jack', 'Jackie', 'Jacky', 'James', 'Jane', 'Jack', 'Jeff', 'Jenny', 'Jerry', 'Jessica', 'Jessie', 'Jim', 'Joe', 'John', 'Johnny', 'Joyce', 'Judy', 'Julia', 'Justin', 'Karen', 'Kate', 'Kelly', 'Ken', 'Kenny', 'Leo', 'Linda', 'Lisa', 'Louis', 'Lucy', 'Mandy', 'Mark', 'Mary', 'Max', 'Michael', 'Mike', 'Nancy', 'Nick', 'Nina', 'Oliver', 'Olivia', 'Peter', 'Peggy', 'Phoebe', 'Queenie', 'Rachel', 'Ray', 'Richard', 'Rita', 'Robert', 'Rose', 'Ryan', 'Sam', 'Sandy', 'Sarah', 'Sharon', 'Simon', 'Sophia', 'Sophie', 'Stella', 'Steven', 'Sunny', 'Susan', 'Teresa', 'Terry', 'Thomas', 'Tim', 'Tom', 'Tony', 'Vicky', 'Vincent', 'Wendy', 'William', 'Winnie', 'Yvonne', 'Zoe', 'Alex', 'Allen', 'Alan', 'Amanda', 'Ashley', 'Chloe', 'Doris', 'Echo', 'Eileen', 'Elsa', 'Fred', 'Gavin', 'Gloria', 'Howard', 'Ian', 'Isaac', 'Jay', 'Joanna', 'Josh', 'Joy', 'Kitty', 'Lucas', 'Luna', 'Martin', 'Matt', 'Monica', 'Patrick', 'Paul', 'Sean', 'Shirley', 'Stephen', 'Steve', 'Victor', 'Wayne', 'Will', 'Jennifer', 'Thomas', 'Anne', 'Maria', 'Laura', 'Nicole', 'Jonathan', 'Ethan', 'Noah', 'Liam', 'Mia', 'Ava', 'Ella', 'Jasmine', 'Tracy', 'Sally', 'Ruby'];
