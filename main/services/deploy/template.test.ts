import { describe, expect, it } from 'vitest';
import type { Host } from '../../../shared/contract/hosts';
import { buildScope, renderTemplate, shellQuote, TemplateError } from './template';

const host: Host = {
  id: 'web-1',
  hostname: '127.0.0.10',
  port: 2222,
  user: 'deploy',
  source: 'inventory',
  groups: ['web', 'eu'],
  tags: ['region=eu-west', 'canary'],
  notes: '',
};

const scope = buildScope({
  params: { version: '1.2.3', port: 8080, debug: false, note: undefined, msg: "it's here" },
  host,
  release: { deployPath: '/srv/app/', name: '20261125.1' },
  runId: 'r-1',
});

const render = (text: string) => renderTemplate(text, scope, 'steps[3].run');

describe('renderTemplate', () => {
  it('substitutes params, host, release and run names', () => {
    expect(render('v{{params.version}} on {{ host.name }} ({{ host.hostname }}:{{ host.port }} as {{ host.user }})')).toBe('v1.2.3 on web-1 (127.0.0.10:2222 as deploy)');
    expect(render('{{ host.groups }} {{ host.vars.region }} {{ params.port }} {{ params.debug }}')).toBe('web,eu eu-west 8080 false');
    expect(render('{{ release.path }} {{ release.current }} {{ release.name }} {{ release.deployPath }} {{ run.id }}')).toBe(
      '/srv/app/releases/20261125.1 /srv/app/current 20261125.1 /srv/app/ r-1',
    );
    expect(render('no templates here')).toBe('no templates here');
  });

  it('names the field, the unknown name and the closest known names', () => {
    expect(() => render('echo {{ params.versoin }}')).toThrow('steps[3].run: unknown variable params.versoin (known: params.version,');
    expect(() => render('{{ host.nmae }}')).toThrow(/unknown variable host\.nmae \(known: host\.name,/);
  });

  it('explains a namespace that this place does not have', () => {
    const onceScope = buildScope({ params: {}, runId: 'r', absent: { host: 'a local once step runs with no host' } });
    expect(() => renderTemplate('{{ host.name }}', onceScope, 'steps[0].local')).toThrow('steps[0].local: host.name is not available here: a local once step runs with no host');
    expect(() => renderTemplate('{{ target.namespace }}', onceScope, 'x')).toThrow(/only Kubernetes targets/);
  });

  it('fails on a known name with no value unless a default is given', () => {
    expect(() => render('{{ params.note }}')).toThrow('params.note has no value');
    expect(render('{{ params.note | default("none") }}')).toBe('none');
    expect(render("{{ params.version | default('x') }}")).toBe('1.2.3');
    expect(() => render('{{ host.vars.zone }}')).toThrow(/host\.vars\.zone is not set on this host \(add the tag zone=/);
    expect(render('{{ host.vars.zone | default("a") }}')).toBe('a');
  });

  it('quotes for the shell and escapes for regular expressions', () => {
    expect(render('echo {{ params.msg | quote }}')).toBe(`echo 'it'\\''s here'`);
    expect(render('{{ params.version | quote }}')).toBe('1.2.3');
    expect(render('^ok {{ params.version | regex }}$')).toBe('^ok 1\\.2\\.3$');
    expect(new RegExp(renderTemplate('{{ params.v | regex }}', buildScope({ params: { v: '1.0+b(1)' } }), '')).test('1.0+b(1)')).toBe(true);
    expect(render('{{ params.note | default("a b") | quote }}')).toBe("'a b'");
  });

  it('rejects broken syntax clearly', () => {
    expect(() => render('echo {{ params.version')).toThrow('steps[3].run: unclosed {{ at character 6');
    expect(() => render('{{ params.version | upper }}')).toThrow('unknown filter "upper"');
    expect(() => render('{{ 1 + 2 }}')).toThrow(/not a name/);
    expect(() => render('{{ params.version | default }}')).toThrow(/default needs a value/);
    try {
      render('{{ nope.x }}');
    } catch (err) {
      expect(err).toBeInstanceOf(TemplateError);
      expect((err as TemplateError).where).toBe('steps[3].run');
    }
  });

  it('target.* for workloads', () => {
    const s = buildScope({ params: {}, target: { context: 'kind', namespace: 'shop', kind: 'deployment', name: 'web' } });
    expect(renderTemplate('{{ target.context }}/{{ target.namespace }}/{{ target.name }}', s, '')).toBe('kind/shop/web');
    expect(() => renderTemplate('{{ host.name }}', s, 'steps[0].run')).toThrow(/host\.name is not available here/);
  });
});

describe('shellQuote', () => {
  it('leaves plain words alone and quotes the rest', () => {
    expect(shellQuote('abc-1.2/x')).toBe('abc-1.2/x');
    expect(shellQuote('')).toBe("''");
    expect(shellQuote('a b; rm -rf /')).toBe("'a b; rm -rf /'");
  });
});
