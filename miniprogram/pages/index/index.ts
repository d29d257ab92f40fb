// Home: what Qiao is. The chat, wallet and privacy pages replace it as they land.
Page({
  data: {
    features: [
      { title: '先充值，按用量付费', detail: '每次回答的花费都清楚列出，余额随时可查。' },
      { title: '个人信息不出境', detail: '姓名、手机号、证件号等在发送前自动隐去，回答中再还原。' },
      { title: '看得见发出的内容', detail: '每条消息都能查看实际发往海外模型的文字。' },
    ],
  },
});
