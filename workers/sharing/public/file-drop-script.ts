/**
 * The upload picker's script, served as a file so the pages run no inline script (their CSP allows
 * scripts from 'self' only). Files go one after the other by PUT to the link's WebDAV door, each with
 * a progress bar; the page's proof cookie carries a protected link's password.
 */
export const FILE_DROP_SCRIPT = `"use strict";
(function () {
  var form = document.getElementById("upload");
  if (!form) return;
  var input = form.querySelector("input[type=file]");
  var list = document.getElementById("uploads");
  var base = form.getAttribute("data-dav");
  var queue = [];
  var busy = false;

  function next() {
    var item = queue.shift();
    if (!item) {
      busy = false;
      if (form.hasAttribute("data-reload")) window.location.reload();
      return;
    }
    busy = true;
    var xhr = new XMLHttpRequest();
    xhr.open("PUT", base + "/" + encodeURIComponent(item.file.name));
    if (item.file.lastModified) xhr.setRequestHeader("X-OC-Mtime", String(Math.floor(item.file.lastModified / 1000)));
    xhr.upload.onprogress = function (event) {
      if (event.lengthComputable) {
        item.bar.max = event.total;
        item.bar.value = event.loaded;
      }
    };
    xhr.onload = function () {
      var ok = xhr.status >= 200 && xhr.status < 300;
      if (ok) item.bar.value = item.bar.max;
      item.status.textContent = form.getAttribute(ok ? "data-sent" : "data-failed") + (ok ? "" : " (" + xhr.status + ")");
      next();
    };
    xhr.onerror = function () {
      item.status.textContent = form.getAttribute("data-failed");
      next();
    };
    xhr.send(item.file);
  }

  function take() {
    Array.prototype.forEach.call(input.files, function (file) {
      var row = document.createElement("li");
      var name = document.createElement("span");
      name.textContent = file.name;
      var bar = document.createElement("progress");
      bar.max = file.size || 1;
      bar.value = 0;
      var status = document.createElement("span");
      row.appendChild(name);
      row.appendChild(bar);
      row.appendChild(status);
      list.appendChild(row);
      queue.push({ file: file, bar: bar, status: status });
    });
    input.value = "";
    if (!busy) next();
  }

  input.addEventListener("change", take);
  // On a slow phone, files can be picked before this script has run: they are sent too.
  if (input.files && input.files.length) take();
})();
`;
