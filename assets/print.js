/* Flowbook: put today's date into the "uncontrolled when printed" mark before the page is printed
   (the build date stays as the fallback when scripts do not run). */
(function () {
  var style = document.getElementById('fb-print-marks-css');
  if (!style) return;
  var template = style.getAttribute('data-template');
  function stamp() {
    var now = new Date();
    var two = function (n) { return (n < 10 ? '0' : '') + n; };
    style.textContent = template.replace('{date}', now.getFullYear() + '-' + two(now.getMonth() + 1) + '-' + two(now.getDate()));
  }
  stamp();
  addEventListener('beforeprint', stamp);
})();
