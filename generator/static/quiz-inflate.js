// zlib inflater for browsers without DecompressionStream (before Chrome 80, Firefox 113, Safari 16.4). The quiz
// runtime fetches this file only there, to open a packed spec: see book/develop/quiz-runtime.md. A classic script:
// it defines one global, medialitInflate(bytes) -> Uint8Array, and nothing else.
// It is small rather than fast (a packed spec is a few KB): canonical Huffman codes are decoded a bit at a time, as
// zlib's puff.c does. zlib's header and checksum are not checked; a damaged block fails to parse as JSON, or throws.
(function () {
  'use strict';
  // the order in which a dynamic block gives the code lengths of the code-length alphabet (RFC 1951, 3.2.7)
  var ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

  // base value and extra bits of the n length or distance codes: the extra bits grow by one every `step` codes,
  // after the first 2 * step codes, which have none
  function bases(n, step, first) {
    var base = [], extra = [];
    for (var i = 0, v = first; i < n; i++) {
      extra[i] = i < 2 * step ? 0 : Math.floor(i / step) - 1;
      base[i] = v;
      v += 1 << extra[i];
    }
    return { base: base, extra: extra };
  }
  var LEN = bases(29, 4, 3), DIST = bases(30, 2, 1);
  LEN.base[28] = 258; LEN.extra[28] = 0; // code 285: length 258, no extra bits

  // a canonical Huffman code from its code lengths: how many codes each length has, and the symbols in code order
  function huffman(lengths) {
    var count = [], offset = [0, 0], symbol = [], i;
    for (i = 0; i < 16; i++) count[i] = 0;
    for (i = 0; i < lengths.length; i++) count[lengths[i]]++;
    for (i = 1; i < 15; i++) offset[i + 1] = offset[i] + count[i];
    for (i = 0; i < lengths.length; i++) if (lengths[i]) symbol[offset[lengths[i]]++] = i;
    return { count: count, symbol: symbol };
  }

  function filled(n, v) { var a = []; for (var i = 0; i < n; i++) a[i] = v; return a; }

  function inflate(src) {
    var pos = 2, acc = 0, nbits = 0, out = [], last = 0; // pos 2: after zlib's header

    function bits(n) {
      while (nbits < n) {
        if (pos >= src.length) throw new Error('inflate: data ends early');
        acc |= src[pos++] << nbits;
        nbits += 8;
      }
      var v = acc & ((1 << n) - 1);
      acc >>>= n;
      nbits -= n;
      return v;
    }
    function decode(h) {
      for (var code = 0, first = 0, index = 0, len = 1; len < 16; len++) {
        code |= bits(1);
        if (code - first < h.count[len]) return h.symbol[index + code - first];
        index += h.count[len];
        first = (first + h.count[len]) << 1;
        code <<= 1;
      }
      throw new Error('inflate: bad code');
    }

    while (!last) {
      last = bits(1);
      var type = bits(2), lit, dist, i;
      if (type === 3) throw new Error('inflate: bad block type');
      if (type === 0) { // stored: from the next byte, LEN and NLEN, then LEN bytes as they are
        acc = nbits = 0;
        var end = pos + 4 + (src[pos] | (src[pos + 1] << 8));
        if (end > src.length) throw new Error('inflate: data ends early');
        for (pos += 4; pos < end;) out.push(src[pos++]);
        continue;
      }
      if (type === 1) { // fixed codes
        var fixed = [];
        for (i = 0; i < 288; i++) fixed[i] = i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8;
        lit = huffman(fixed);
        dist = huffman(filled(30, 5));
      } else { // dynamic codes: their code lengths, themselves coded
        var nlit = bits(5) + 257, ndist = bits(5) + 1, ncode = bits(4) + 4, cl = filled(19, 0), lengths = [];
        for (i = 0; i < ncode; i++) cl[ORDER[i]] = bits(3);
        var clh = huffman(cl);
        while (lengths.length < nlit + ndist) {
          var s = decode(clh), v = 0, n = 1;
          if (s < 16) v = s;
          else if (s === 16) {
            if (!lengths.length) throw new Error('inflate: nothing to repeat');
            v = lengths[lengths.length - 1]; n = 3 + bits(2);
          } else n = s === 17 ? 3 + bits(3) : 11 + bits(7);
          while (n--) lengths.push(v);
        }
        lit = huffman(lengths.slice(0, nlit));
        dist = huffman(lengths.slice(nlit, nlit + ndist));
      }
      for (var sym = decode(lit); sym !== 256; sym = decode(lit)) {
        if (sym < 256) { out.push(sym); continue; }
        sym -= 257;
        if (sym > 28) throw new Error('inflate: bad length code');
        var len = LEN.base[sym] + bits(LEN.extra[sym]), d = decode(dist);
        if (d > 29) throw new Error('inflate: bad distance code');
        var back = DIST.base[d] + bits(DIST.extra[d]);
        if (back > out.length) throw new Error('inflate: distance too far back');
        while (len--) out.push(out[out.length - back]);
      }
    }
    return new Uint8Array(out);
  }

  (typeof window === 'object' ? window : globalThis).medialitInflate = inflate;
})();
