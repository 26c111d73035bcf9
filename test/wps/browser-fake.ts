import type { WorkbookInput } from '../../src/engine/model/sheet';
import { FakeWps } from './fakeWps';

/**
 * Bundled for the browser by wps.e2e.test.ts and run before the page's own scripts: WPS's
 * `window.Application` over the same fake the port tests use, holding the workbook given.
 */
const page = globalThis as unknown as {
  __fakeWps?: FakeWps;
  Application?: unknown;
  __startFakeWps: (input: WorkbookInput) => void;
};
page.__startFakeWps = (input) => {
  const fake = FakeWps.fromInput(input);
  page.__fakeWps = fake;
  page.Application = fake.application();
};
