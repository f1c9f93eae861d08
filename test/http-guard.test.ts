import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAddressGuard, nonPublicReason, parseAllowList } from '../src/http/guard.ts';

describe('address guard', () => {
  it('classifies addresses: every non-public range refused, public ones allowed', () => {
    const refused: Array<[string, RegExp]> = [
      ['127.0.0.1', /loopback/], ['127.255.1.2', /loopback/], ['::1', /loopback/],
      ['10.0.0.1', /private/], ['172.16.5.4', /private/], ['172.31.255.255', /private/], ['192.168.1.1', /private/], ['fd12:3456::1', /private/],
      ['169.254.169.254', /link-local \(cloud metadata\)/], ['fe80::1', /link-local/],
      ['100.64.0.1', /carrier-grade NAT/], ['0.0.0.0', /unspecified/], ['::', /unspecified/],
      ['224.0.0.1', /multicast/], ['ff02::1', /multicast/], ['240.0.0.1', /reserved/], ['255.255.255.255', /reserved/],
      ['198.18.0.1', /benchmarking/], ['192.0.2.10', /documentation/], ['2001:db8::1', /documentation/],
      ['::ffff:127.0.0.1', /loopback/], ['::ffff:7f00:1', /loopback/], ['::ffff:a9fe:a9fe', /cloud metadata/],
      ['64:ff9b::10.0.0.1', /private/], ['2002:c0a8:0101::1', /private/],
    ];
    for (const [address, why] of refused) assert.match(nonPublicReason(address) ?? 'public', why, address);
    for (const address of ['93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '2002:0808:0808::1']) {
      assert.equal(nonPublicReason(address), null, address);
    }
  });

  it('parses the operator\'s allow-list and names a bad entry', () => {
    const ok = parseAllowList(['intranet.example', '10.20.0.0/16', '[::1]', ' 127.0.0.1 ', '']);
    assert.ok(ok.ok);
    assert.deepEqual([...ok.value.hosts], ['intranet.example']);
    assert.ok(ok.value.nets.check('10.20.3.4', 'ipv4'));
    assert.ok(!ok.value.nets.check('10.21.0.1', 'ipv4'));
    assert.ok(ok.value.nets.check('::1', 'ipv6'));
    for (const bad of ['10.0.0.0/33', 'http://x', 'a b', '*.example', '::1/129']) {
      const r = parseAllowList([bad]);
      assert.equal(r.ok, false, bad);
      if (!r.ok) assert.ok(r.error.message.includes(`"${bad}"`), r.error.message);
    }
  });

  it('checks every address a name resolves to, and names the unknown host', async () => {
    const g = createAddressGuard({
      allow: ['intranet.example', '10.20.0.0/16'],
      resolve: async (host) => {
        const table: Record<string, string[]> = {
          'public.example': ['93.184.216.34', '2606:2800:220:1::1'],
          'split.example': ['93.184.216.34', '192.168.0.5'],
          'intranet.example': ['10.1.1.1'],
          'lab.example': ['10.20.1.1'],
        };
        const list = table[host];
        if (!list) throw Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' });
        return list.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
      },
    });
    assert.ok(g.ok);
    try {
      const check = async (url: string) => g.value.guard(new URL(url));
      assert.equal((await check('https://public.example/a')).ok, true);
      const split = await check('https://split.example/a');
      assert.equal(split.ok, false);
      if (!split.ok) assert.match(split.error.message, /"split\.example": it resolves to 192\.168\.0\.5, a private address/);
      assert.equal((await check('http://intranet.example/')).ok, true, 'allowed by name');
      assert.equal((await check('http://lab.example/')).ok, true, 'allowed by network');
      assert.equal((await check('http://10.20.9.9/')).ok, true, 'an allowed network, as a literal address');
      assert.equal((await check('http://10.30.0.1/')).ok, false);
      const unknown = await check('http://nowhere.example/');
      assert.equal(unknown.ok, false);
      if (!unknown.ok) assert.match(unknown.error.message, /"nowhere\.example": host not found/);
    } finally {
      await g.value.close();
    }
  });
});
