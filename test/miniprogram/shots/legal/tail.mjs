// The second half of a document (a full-page shot is too tall to read at once): drop its first sections.
export default async ({ page, sleep }) => {
  page.setData({ sections: page.data.sections.slice(4) });
  await sleep(50);
};
