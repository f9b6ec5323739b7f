// The one home for untrusted text (src/core/text), checked against independent renderers:
// `marked` (the Markdown library VS Code renders hovers and tooltips with) and the link syntax
// of VS Code's notifications, copied from the workbench of VS Code 1.139 (linkedText.ts).
import { strict as assert } from 'node:assert';
import { marked } from 'marked';
import { clip, hasHidden, inline, mdCode, mdCodeBlock, mdText, messageText, noIcons, noLinks, vetLink, visible } from '../../src/core/text';
import { hostileValues } from '../fixtures/hostile';

/** VS Code's notification link syntax (src/vs/base/common/linkedText.ts). */
const VSCODE_NOTIFICATION_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;
const hasNotificationLink = (text: string) => {
  VSCODE_NOTIFICATION_LINK.lastIndex = 0;
  return VSCODE_NOTIFICATION_LINK.test(text);
};

/** HTML produced by Markdown that is not plain text in a paragraph. */
const MARKUP = /<(?!\/?p>)(?!\/?code>)(?!\/?pre>)[a-z!/]/i;

/** The text a browser shows for marked's output of one paragraph. */
function textOf(html: string): string {
  return html
    .replace(/^<p>|<\/p>\n?$/g, '')
    .replace(/<\/?code>/g, '')
    .replace(/&(?:#(\d+)|#x([0-9a-f]+)|(lt|gt|amp|quot));/gi, (_m, dec, hex, named) =>
      dec ? String.fromCodePoint(Number(dec)) : hex ? String.fromCodePoint(parseInt(hex, 16)) : { lt: '<', gt: '>', amp: '&', quot: '"' }[named as 'lt']!,
    )
    .replace(/&#39;/g, "'");
}

const corpus = hostileValues();

describe('untrusted text', () => {
  it('has a corpus of at least 60 hostile values', () => {
    assert.ok(corpus.length >= 60, String(corpus.length));
  });

  describe('visible', () => {
    it('shows line breaks, controls, bidi, zero-width, tag characters and lone surrogates as markers', () => {
      assert.equal(visible('a\nb\r\tc\u0007d\r\ne'), 'a↵b↵⇥c⟨U+0007⟩d↵e');
      assert.equal(visible('admin\u202Enigeb\u202C'), 'admin⟨U+202E⟩nigeb⟨U+202C⟩');
      assert.equal(visible('ad\u200Bmin\uFEFF'), 'ad⟨U+200B⟩min⟨U+FEFF⟩');
      assert.equal(visible('hi\u{E0041}'), 'hi⟨U+E0041⟩');
      assert.equal(visible('a\uD800b\uDC00'), 'a⟨U+D800⟩b⟨U+DC00⟩');
      assert.equal(visible('\x7f\x85\u00AD\0'), '⟨U+007F⟩⟨U+0085⟩⟨U+00AD⟩⟨U+0000⟩');
    });

    it('leaves ordinary text, emoji sequences and non-Latin scripts alone', () => {
      for (const text of ['Zürich', '東京', 'مرحبا', '👩‍💻 dev', '👍🏽', 'a b', '🇨🇭']) assert.equal(visible(text), text);
    });

    it('keeps line breaks and tabs when asked (code blocks), still showing the rest', () => {
      assert.equal(visible('a\r\nb\tc\u202E', { keepLayout: true }), 'a\nb\tc⟨U+202E⟩');
    });

    it('leaves nothing hidden in any corpus value', () => {
      for (const { name, value } of corpus) assert.ok(!hasHidden(visible(value)), name);
    });
  });

  it('clips without splitting a surrogate pair', () => {
    assert.equal(clip('abcdef', 3), 'abc…');
    assert.equal(clip('ab😀cd', 3), 'ab…');
    assert.equal(clip('short', 10), 'short');
    assert.equal(inline('x'.repeat(500)).length, 201);
  });

  describe('Markdown text (mdText), rendered by marked', () => {
    for (const { name, value } of corpus) {
      it(`renders "${name}" as exactly its visible text, with no markup`, () => {
        const md = mdText(value);
        const html = marked.parse(`**label:** ${md}`, { async: false });
        assert.ok(!MARKUP.test(html.replace('<strong>label:</strong>', '')), html.slice(0, 300));
        assert.equal(textOf(html.replace('<strong>label:</strong> ', '')), visible(clip(value, 500)));
        assert.ok(!/\$\(/.test(html), 'no $( left for VS Code to turn into an icon');
      });
    }

    it('keeps a table row to its two cells whatever the value', () => {
      for (const { name, value } of corpus) {
        const html = marked.parse(`| | |\n|---|---|\n| key | ${mdText(value)} |\n`, { async: false });
        assert.equal((html.match(/<td>/g) ?? []).length, 2, name);
        assert.ok(!/<a |<img /.test(html), name);
      }
    });
  });

  describe('Markdown code (mdCode, mdCodeBlock), rendered by marked', () => {
    for (const { name, value } of corpus) {
      it(`keeps "${name}" inside one code span and one code block`, () => {
        const span = marked.parse(`Claim ${mdCode(value)} here`, { async: false });
        assert.equal((span.match(/<code>/g) ?? []).length, 1, span.slice(0, 300));
        assert.ok(!/<a |<img |<em>|<strong>/.test(span), span.slice(0, 300));
        assert.equal(textOf(/<code>([\s\S]*)<\/code>/.exec(span)![1]), visible(clip(value, 200)).replace(/\n/g, ' '));

        const block = marked.parse(`Before\n\n${mdCodeBlock(value)}\n\nAfter`, { async: false });
        assert.equal((block.match(/<pre>/g) ?? []).length, 1, block.slice(0, 300));
        assert.match(block, /<p>After<\/p>/);
        assert.equal(textOf(/<pre><code>([\s\S]*)<\/code><\/pre>/.exec(block)![1]).replace(/\n$/, ''), visible(clip(value, 2000), { keepLayout: true }));
      });
    }
  });

  describe('notification text (messageText, noLinks)', () => {
    it('never lets VS Code find a link, alone or next to another value', () => {
      for (const { name, value } of corpus) {
        assert.ok(!hasNotificationLink(messageText(`Decoding failed: ${value}. Check the token.`)), name);
      }
      for (const a of corpus.slice(0, 30)) for (const b of corpus.slice(0, 30)) assert.ok(!hasNotificationLink(messageText(a.value + b.value)), `${a.name} + ${b.name}`);
      assert.ok(hasNotificationLink('[x](command:foo)'), 'the regex does find a real link');
      assert.equal(noLinks('[x](command:y)'), '[x] (command:y)');
    });

    it('shows hidden characters and clips the whole message', () => {
      assert.equal(messageText('a\u202Eb'), 'a⟨U+202E⟩b');
      assert.equal(messageText('x'.repeat(5000)).length, 2001);
    });

    it('shows $(icon) literally where VS Code renders icons', () => {
      assert.equal(noIcons('$(pass) ok'), '\\$(pass) ok');
    });
  });

  describe('links from claim values (vetLink)', () => {
    it('links plain http(s) addresses, showing the parsed address', () => {
      assert.deepEqual(vetLink('https://example.com/a?b=c'), { href: 'https://example.com/a?b=c', text: 'https://example.com/a?b=c' });
      assert.deepEqual(vetLink('http://example.com'), { href: 'http://example.com/', text: 'http://example.com/' });
    });

    it('shows an internationalised host as punycode, the real target', () => {
      assert.equal(vetLink('https://\u0440\u0430\u0443\u0440\u0430\u04CF.com/login')?.text, 'https://xn--80aa0cbo65f.com/login');
    });

    it('refuses every other scheme, user info, whitespace, backslashes and hidden characters', () => {
      for (const value of [
        'javascript:alert(1)',
        'data:text/html,x',
        'command:foo',
        'file:///etc/passwd',
        'vscode://x',
        'https://accounts.example.com@evil.example/',
        'https://user:pass@example.com/',
        'https://example.com/ x',
        'https://example.com/\nx',
        'https://evil.example\\@good.example',
        'https://example.com/\u202Egpj.exe',
        'https://exa\u200Bmple.com',
        ' https://example.com',
        `https://example.com/${'a'.repeat(3000)}`,
        'not a url',
      ]) {
        assert.equal(vetLink(value), undefined, value);
      }
    });
  });

  it('fences inline code with one backtick more than its longest run of them, wherever that run is', () => {
    assert.equal(mdCode('a``b`c'), '``` a``b`c ```');
    assert.equal(mdCode('`a``'), '``` `a`` ```');
    assert.equal(mdCode('abc'), '` abc `');
  });

  it('never cuts between the halves of a surrogate pair, at either end of the high-surrogate range', () => {
    assert.equal(clip('abcd\uD800\uDC00', 5), 'abcd…');
    assert.equal(clip('abcd\uDBFF\uDFFF', 5), 'abcd…');
    assert.equal(clip('abcd\uDC00x', 5), 'abcd\uDC00…');
  });

  it('links an address of exactly the longest length, not one character more', () => {
    const at = (length: number) => `https://a.example/${'p'.repeat(length - 18)}`;
    assert.ok(vetLink(at(2048)));
    assert.equal(vetLink(at(2049)), undefined);
  });
});
