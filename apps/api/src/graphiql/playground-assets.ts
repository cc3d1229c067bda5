/**
 * The offline playground: one HTML page, a stylesheet and a script, no CDN and no build
 * step. It is deliberately small — an editor, variables, a bearer token, example
 * operations per role, and a schema browser from introspection — until GraphiQL itself is
 * installed (docs/operations.md, "GraphQL playground").
 */
export const PLAYGROUND_HTML = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Chessboard GraphQL playground</title>
<link rel="stylesheet" href="/graphiql/playground.css">
</head>
<body>
<header>
  <strong>Chessboard · GraphQL</strong>
  <label>Bearer token <input id="token" type="password" placeholder="npm run token -- --role office --sub office-1" autocomplete="off"></label>
  <label>Example <select id="examples"><option value="">— choose —</option></select></label>
  <button id="run" title="Ctrl+Enter">▶ Run</button>
  <button id="schema">Schema</button>
</header>
<main>
  <section class="editor">
    <textarea id="query" spellcheck="false" aria-label="operation">{ units { id name } programs { id name } }</textarea>
    <textarea id="variables" spellcheck="false" aria-label="variables (JSON)">{}</textarea>
  </section>
  <section class="result">
    <div id="status"></div>
    <pre id="response"></pre>
  </section>
  <aside id="docs" hidden></aside>
</main>
<script src="/graphiql/playground.js"></script>
</body>
</html>
`;

export const PLAYGROUND_CSS = `
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.4 system-ui, "PingFang SC", "Microsoft YaHei", sans-serif; height: 100vh; display: flex; flex-direction: column; }
header { display: flex; gap: 12px; align-items: center; padding: 8px 12px; background: #1f4e78; color: #fff; flex-wrap: wrap; }
header input { width: 22em; } header select { max-width: 24em; }
button { cursor: pointer; padding: 4px 12px; }
main { flex: 1; display: flex; min-height: 0; }
.editor, .result { flex: 1; display: flex; flex-direction: column; min-width: 0; }
textarea { flex: 3; font: 13px/1.45 ui-monospace, Menlo, Consolas, monospace; padding: 8px; border: 0; border-right: 1px solid #ccc; resize: none; }
#variables { flex: 1; border-top: 1px solid #ccc; background: #fafafa; }
#status { padding: 4px 8px; background: #f0f0f0; font-size: 12px; color: #555; min-height: 1.6em; }
pre { flex: 1; margin: 0; padding: 8px; overflow: auto; font: 13px/1.45 ui-monospace, Menlo, Consolas, monospace; }
aside { width: 30em; overflow: auto; padding: 8px; border-left: 1px solid #ccc; font-size: 13px; }
aside h3 { margin: 12px 0 4px; } aside code { color: #1f4e78; }
.error { color: #9c0006; }
`;

export function playgroundScript(examples: unknown, endpoint: string): string {
  return `'use strict';
(function () {
  var EXAMPLES = ${JSON.stringify(examples)};
  var ENDPOINT = ${JSON.stringify(endpoint)};
  var $ = function (id) { return document.getElementById(id); };
  var token = $('token'), query = $('query'), variables = $('variables');
  token.value = localStorage.getItem('chessboard.token') || '';
  token.addEventListener('change', function () { localStorage.setItem('chessboard.token', token.value.trim()); });
  query.value = localStorage.getItem('chessboard.query') || query.value;
  variables.value = localStorage.getItem('chessboard.variables') || variables.value;
  EXAMPLES.forEach(function (example, index) {
    var option = document.createElement('option');
    option.value = String(index);
    option.textContent = example.role + ': ' + example.title;
    $('examples').appendChild(option);
  });
  $('examples').addEventListener('change', function (event) {
    var example = EXAMPLES[Number(event.target.value)];
    if (!example) return;
    query.value = example.query;
    variables.value = JSON.stringify(example.variables || {}, null, 2);
  });
  function post(body) {
    var headers = { 'content-type': 'application/json' };
    var value = token.value.trim();
    if (value) headers.authorization = /^bearer /i.test(value) ? value : 'Bearer ' + value;
    return fetch(ENDPOINT, { method: 'POST', headers: headers, body: JSON.stringify(body) });
  }
  function run() {
    var vars;
    try { vars = variables.value.trim() ? JSON.parse(variables.value) : {}; }
    catch (error) { show('variables are not JSON: ' + error.message, true); return; }
    localStorage.setItem('chessboard.query', query.value);
    localStorage.setItem('chessboard.variables', variables.value);
    var started = performance.now();
    $('status').textContent = 'running…';
    post({ query: query.value, variables: vars }).then(function (response) {
      var ms = Math.round(performance.now() - started);
      $('status').textContent = 'HTTP ' + response.status + ' · ' + ms + ' ms · x-request-id ' + (response.headers.get('x-request-id') || '-');
      return response.text().then(function (text) {
        try { show(JSON.stringify(JSON.parse(text), null, 2), response.status >= 400); } catch (e) { show(text, true); }
      });
    }, function (error) { show(String(error), true); $('status').textContent = ''; });
  }
  function show(text, isError) {
    $('response').textContent = text;
    $('response').className = isError ? 'error' : '';
  }
  $('run').addEventListener('click', run);
  document.addEventListener('keydown', function (event) {
    if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') { event.preventDefault(); run(); }
  });
  var typeName = function (t) { return t.kind === 'NON_NULL' ? typeName(t.ofType) + '!' : t.kind === 'LIST' ? '[' + typeName(t.ofType) + ']' : t.name; };
  $('schema').addEventListener('click', function () {
    var docs = $('docs');
    if (!docs.hidden) { docs.hidden = true; return; }
    docs.hidden = false;
    docs.textContent = 'loading…';
    var q = '{ __schema { queryType { name } mutationType { name } subscriptionType { name } types { name kind description fields { name description args { name type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } inputFields { name type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } enumValues { name } } } }';
    post({ query: q }).then(function (r) { return r.json(); }).then(function (result) {
      if (!result.data) { docs.textContent = JSON.stringify(result.errors, null, 2); return; }
      docs.textContent = '';
      var schema = result.data.__schema;
      var roots = [schema.queryType, schema.mutationType, schema.subscriptionType].filter(Boolean).map(function (t) { return t.name; });
      var types = schema.types.filter(function (t) { return t.name.indexOf('__') !== 0; });
      types.sort(function (a, b) { return (roots.indexOf(b.name) >= 0) - (roots.indexOf(a.name) >= 0) || a.name.localeCompare(b.name); });
      types.forEach(function (type) {
        if (type.kind === 'SCALAR') return;
        var h = document.createElement('h3'); h.textContent = type.name + ' (' + type.kind.toLowerCase() + ')'; docs.appendChild(h);
        (type.fields || type.inputFields || []).forEach(function (field) {
          var div = document.createElement('div');
          var args = (field.args || []).map(function (a) { return a.name + ': ' + typeName(a.type); }).join(', ');
          var code = document.createElement('code');
          code.textContent = field.name + (args ? '(' + args + ')' : '') + ': ' + typeName(field.type);
          div.appendChild(code);
          if (field.description) div.title = field.description;
          docs.appendChild(div);
        });
        (type.enumValues || []).forEach(function (v) { var div = document.createElement('div'); div.textContent = v.name; docs.appendChild(div); });
      });
    }, function (error) { docs.textContent = String(error); });
  });
})();
`;
}
