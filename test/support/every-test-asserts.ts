// A test that asserts nothing cannot fail: every test must call expect at least once (jest.config.js loads this).
beforeEach(() => {
  expect.hasAssertions();
});
