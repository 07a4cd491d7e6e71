// The offline check of a certificate's QR code: the claims in the link's
// fragment, signed with the authority's Ed25519 key, checked here against the
// public keys embedded in the page (no network needed once the page is
// loaded); when online, the certificate's current status is asked too.
(function () {
  'use strict';
  var keys = JSON.parse(document.getElementById('khoa-cong-bo').textContent).keys;
  var verdict = document.getElementById('ket-luan');
  var facts = document.getElementById('noi-dung');
  var online = document.getElementById('truc-tuyen');
  var FIELDS = ['co-quan', 'quyet-dinh', 'ngay', 'so-vao-so', 'ten', 'hinh-thuc'];

  function bytes(b64url) {
    var s = b64url.replace(/-/g, '+').replace(/_/g, '/');
    while (s.length % 4) s += '=';
    var bin = atob(s);
    var out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }
  function hex(b) {
    return Array.prototype.map.call(b, function (x) { return (x < 16 ? '0' : '') + x.toString(16); }).join('');
  }
  function show(valid, text) {
    verdict.innerHTML = '';
    var span = document.createElement('span');
    span.className = 'status ' + (valid ? 'v-valid' : 'v-revoked');
    span.textContent = text;
    verdict.appendChild(span);
  }
  function invalid(why) {
    facts.hidden = true;
    online.textContent = '';
    show(false, 'Không hợp lệ: ' + why);
  }

  async function check() {
    var payload = location.hash.slice(1);
    if (!/^[A-Za-z0-9_-]{90,600}$/.test(payload)) return invalid('Mã không đầy đủ.');
    var b = bytes(payload);
    var key = keys.find(function (k) { return k.kid === hex(b.slice(0, 4)); });
    if (!key) return invalid('Khóa ký không có trong danh sách công bố.');
    var message = b.slice(0, b.length - 64);
    var ok = false;
    try {
      var pub = await crypto.subtle.importKey('raw', bytes(key.publicKey), { name: 'Ed25519' }, false, ['verify']);
      ok = await crypto.subtle.verify({ name: 'Ed25519' }, pub, b.slice(b.length - 64), message);
    } catch (e) {
      return invalid('Trình duyệt này không kiểm tra được chữ ký Ed25519.');
    }
    if (!ok) return invalid('Chữ ký của mã không hợp lệ: nội dung đã bị sửa.');
    var claims;
    try { claims = CBOR.decode(message.slice(4)); } catch (e) { return invalid('Mã không đọc được.'); }
    if (claims[0] !== key.authority) return invalid('Mã ghi một cơ quan khác với cơ quan của khóa ký.');
    claims[0] = key.authorityName;
    FIELDS.forEach(function (id, i) {
      var value = String(claims[i] || '');
      // Dates as Vietnamese read them: 23/11/2026.
      if (id === 'ngay') value = value.split('-').reverse().join('/');
      document.getElementById('qr-' + id).textContent = value;
    });
    facts.hidden = false;
    show(true, 'Hợp lệ: do ' + key.authorityName + ' ký' + (key.retiredAt ? ' (khóa cũ, vẫn còn giá trị)' : ''));
    online.textContent = navigator.onLine ? 'Đang hỏi tình trạng hiện tại…' : 'Không có mạng: đã kiểm tra chữ ký trên máy, chưa hỏi được tình trạng hiện tại.';
    if (!navigator.onLine) return;
    try {
      var res = await fetch('/v/trang-thai?a=' + encodeURIComponent(key.authority) + '&r=' + encodeURIComponent(claims[3]));
      var s = await res.json();
      online.textContent = res.ok ? 'Tình trạng hiện tại: ' + s.statusLabel : 'Không tìm thấy Giấy khen này trong sổ khen thưởng.';
    } catch (e) {
      online.textContent = 'Không hỏi được tình trạng hiện tại (mất mạng).';
    }
  }
  window.addEventListener('hashchange', check);
  check();
})();
