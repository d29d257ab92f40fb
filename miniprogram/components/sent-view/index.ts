import { legendOf, sentSegments, type SentSegment } from './labels';

type Instance = WechatMiniprogram.Component.TrivialInstance;

/**
 * "查看发送内容": a half-screen sheet with the anonymized text exactly as it was sent, each placeholder
 * shown as a chip with its readable label (某人1, 手机号2), and a legend of the types that appear.
 */
Component({
  properties: {
    /** The anonymized text that was sent, with placeholders like [PERSON_1]. */
    sent: { type: String, value: '' },
    show: { type: Boolean, value: false },
  },
  data: {
    segments: [] as SentSegment[],
    legend: [] as ReturnType<typeof legendOf>,
  },
  observers: {
    sent(this: Instance, sent: string) {
      const segments = sentSegments(sent);
      this.setData({ segments, legend: legendOf(segments) });
    },
  },
  methods: {
    onClose(this: Instance) {
      this.triggerEvent('close', {});
    },
    /** Taps inside the panel stay there (the mask behind it closes). */
    noop() {},
  },
});
