/* Flowbook (assets/print.js): put today's date into the "uncontrolled when printed" mark before
   the page is printed (the build date stays as the fallback when scripts do not run). */

const style = document.getElementById('fb-print-marks-css');
if (style) {
  const template = style.getAttribute('data-template') ?? '';
  const two = (n: number) => (n < 10 ? '0' : '') + n;
  const stamp = () => {
    const now = new Date();
    style.textContent = template.replace('{date}', now.getFullYear() + '-' + two(now.getMonth() + 1) + '-' + two(now.getDate()));
  };
  stamp();
  addEventListener('beforeprint', stamp);
}

export {};
