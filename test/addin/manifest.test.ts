import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FUNCTIONS_NAMESPACE } from '../../functions/namespace';
import { repoRoot } from '../support/paths';
import { at, child, descendants, parseXml, type XmlElement } from './xml';

const manifest = parseXml(readFileSync(join(repoRoot, 'manifest.xml'), 'utf8'));
const app = child(manifest, 'OfficeApp');
const overrides = child(app, 'VersionOverrides');
const host = at(overrides, 'Hosts', 'Host');
const resources = child(overrides, 'Resources');

/** Resource id → value, from every resource list (images, URLs, short and long strings). */
function resourceValues(): Map<string, string> {
  const values = new Map<string, string>();
  for (const list of resources.children) {
    for (const item of list.children) {
      const id = item.attributes.id ?? '';
      assert.ok(!values.has(id), `resource id ${id} is defined twice`);
      values.set(id, item.attributes.DefaultValue ?? '');
    }
  }
  return values;
}

function sourceResid(element: XmlElement): string {
  return child(element, 'SourceLocation').attributes.resid ?? '';
}

describe('manifest.xml', () => {
  describe('OfficeApp', () => {
    it('lists its top-level elements in the order the schema requires', () => {
      const order = [
        'Id', 'Version', 'ProviderName', 'DefaultLocale', 'DisplayName', 'Description', 'IconUrl', 'HighResolutionIconUrl',
        'SupportUrl', 'AppDomains', 'Hosts', 'Requirements', 'DefaultSettings', 'Permissions', 'VersionOverrides',
      ];
      assert.deepEqual(app.children.map((c) => c.name), order);
    });

    it('is a task pane add-in for workbooks that requires the shared runtime and custom functions 1.1', () => {
      assert.equal(app.attributes['xsi:type'], 'TaskPaneApp');
      assert.deepEqual(at(app, 'Hosts').children.map((h) => h.attributes.Name), ['Workbook']);
      const sets = at(app, 'Requirements', 'Sets').children.map((s) => `${s.attributes.Name} ${s.attributes.MinVersion}`);
      assert.deepEqual(sets.sort(), ['CustomFunctionsRuntime 1.1', 'SharedRuntime 1.1']);
      assert.match(child(app, 'Id').text, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      assert.match(child(app, 'Version').text, /^\d+\.\d+\.\d+\.\d+$/);
    });
  });

  describe('resources', () => {
    it('resolves every resid to a resource, and every resource id is at most 32 characters', () => {
      const values = resourceValues();
      const used = descendants(overrides).map((e) => e.attributes.resid).filter((r): r is string => r !== undefined);
      assert.ok(used.length > 10);
      for (const resid of used) assert.ok(values.has(resid), `resid ${resid} has no resource`);
      for (const id of values.keys()) assert.ok(id.length <= 32, `resource id ${id} is longer than 32 characters`);
    });

    it('names the custom functions namespace the functions use', () => {
      const resid = at(host, 'AllFormFactors', 'ExtensionPoint', 'Namespace').attributes.resid ?? '';
      assert.equal(resourceValues().get(resid), FUNCTIONS_NAMESPACE);
      assert.equal(FUNCTIONS_NAMESPACE, 'PRACTICE');
    });

    it('serves every URL over https from one origin', () => {
      const urls = [
        ...descendants(app).flatMap((e) => (e.attributes.DefaultValue?.includes('://') ? [e.attributes.DefaultValue] : [])),
        ...at(app, 'AppDomains').children.map((d) => d.text),
      ];
      assert.ok(urls.length >= 8);
      const origins = new Set(urls.map((u) => new URL(u).origin));
      assert.deepEqual([...origins], ['https://localhost:3000']);
    });

    it('ships every icon and page it points to in the build', () => {
      const values = resourceValues();
      for (const [id, url] of values) {
        if (!id.startsWith('Icon.')) continue;
        const file = join(repoRoot, 'addin', new URL(url).pathname);
        assert.ok(existsSync(file), `${id}: ${file} is missing`);
      }
    });
  });

  describe('shared runtime', () => {
    it('uses one long-lived runtime for the functions page, the function file and the task pane button', () => {
      const runtimes = at(host, 'Runtimes').children;
      assert.equal(runtimes.length, 1);
      const runtime = runtimes[0];
      assert.equal(runtime?.attributes.lifetime, 'long');
      const resid = runtime?.attributes.resid ?? '';
      const functions = at(host, 'AllFormFactors', 'ExtensionPoint');
      assert.equal(functions.attributes['xsi:type'], 'CustomFunctions');
      assert.equal(sourceResid(child(functions, 'Page')), resid);
      const desktop = child(host, 'DesktopFormFactor');
      assert.equal(child(desktop, 'FunctionFile').attributes.resid, resid);
      const actions = descendants(desktop).filter((e) => e.name === 'Action');
      assert.ok(actions.length >= 1);
      for (const action of actions) {
        assert.equal(action.attributes['xsi:type'], 'ShowTaskpane');
        assert.equal(sourceResid(action), resid);
      }
      assert.equal(resourceValues().get(resid), child(at(app, 'DefaultSettings'), 'SourceLocation').attributes.DefaultValue);
    });

    it('loads the functions script and metadata the build writes beside the shared page', () => {
      const functions = at(host, 'AllFormFactors', 'ExtensionPoint');
      const values = resourceValues();
      const page = new URL(values.get(sourceResid(child(functions, 'Page'))) ?? '');
      const script = new URL(values.get(sourceResid(child(functions, 'Script'))) ?? '');
      const metadata = new URL(values.get(sourceResid(child(functions, 'Metadata'))) ?? '');
      assert.equal(page.pathname, '/taskpane.html');
      assert.equal(script.pathname, '/functions.js');
      assert.equal(metadata.pathname, '/functions.json');
    });

    it('puts the button on the Home tab', () => {
      const tab = descendants(host).find((e) => e.name === 'OfficeTab');
      assert.equal(tab?.attributes.id, 'TabHome');
      assert.ok(descendants(tab ?? host).some((e) => e.name === 'Control' && e.attributes['xsi:type'] === 'Button'));
    });
  });
});
