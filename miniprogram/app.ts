// The app shell. Cloud or local-cloud transport is chosen by the API client (a later issue).
App({});
