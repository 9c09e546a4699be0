// The public site's stylesheet: system fonts, a plain government-portal look, no external URLs.
export const SITE_CSS = `
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:15px;color:#1f2a37;background:#f3f5f8}
a{color:#1d5fa8}
.site-header{background:#1d5fa8;color:#fff}
.site-header .inner{max-width:980px;margin:0 auto;padding:14px 20px;display:flex;align-items:center;gap:24px;flex-wrap:wrap}
.brand{font-weight:700;font-size:17px;color:#fff;text-decoration:none;margin-right:auto}
.site-nav{display:flex;gap:18px;align-items:center}
.site-nav a,.site-nav button{color:#fff;text-decoration:none;font-weight:600;font-size:13px;letter-spacing:.04em;background:none;border:0;cursor:pointer;padding:4px 0;font-family:inherit}
.site-nav a[aria-current="page"]{border-bottom:2px solid #ffd24d}
main{max-width:980px;margin:28px auto;padding:0 20px}
.card{background:#fff;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.08);padding:28px 32px}
.card.narrow{max-width:560px}
h1{font-size:22px;margin:0 0 20px;letter-spacing:.03em}
.field{margin-bottom:16px}
.field label{display:block;font-size:12px;font-weight:600;color:#4b5563;margin-bottom:6px;letter-spacing:.02em}
.field input[type=text],.field input[type=email],.field input[type=tel],.field input[type=password],.field input[type=date],.field select{width:100%;padding:9px 11px;border:1px solid #c5ccd6;border-radius:5px;font:inherit;background:#fff}
.field input:focus,.field select:focus{outline:2px solid #8bb6e8;border-color:#1d5fa8}
.field [aria-invalid="true"]{border-color:#c62828}
.field-check{display:flex;gap:10px;align-items:flex-start;flex-wrap:wrap}
.field-check label{font-weight:400;font-size:13px;color:#1f2a37;flex:1;margin:0}
.field-check .field-error{flex-basis:100%}
.field-error{color:#c62828;font-size:12px;margin-top:4px}
.field-error:empty{display:none}
.captcha{border:1px solid #c5ccd6;border-radius:5px;padding:12px;background:#fafbfc;max-width:300px}
.btn{display:inline-block;background:#1d5fa8;color:#fff;border:0;border-radius:5px;padding:11px 22px;font:inherit;font-weight:600;letter-spacing:.04em;cursor:pointer}
.btn.secondary{background:#e6ebf2;color:#1f2a37}
.btn:disabled{opacity:.6;cursor:progress}
.form-status{margin:14px 0 0;font-size:14px}
.form-status:empty{display:none}
.form-status.is-error{color:#c62828}
.form-status.is-ok{color:#2e7d32}
form[aria-busy="true"]{cursor:progress}
.busy{display:none;font-size:13px;color:#6b7280;margin-left:12px}
form[aria-busy="true"] .busy{display:inline}
[role=tablist]{display:flex;flex-wrap:wrap;gap:4px;border-bottom:2px solid #dfe4ea;margin-bottom:20px}
[role=tab]{background:none;border:0;padding:10px 14px;font:inherit;font-size:13px;font-weight:600;letter-spacing:.03em;color:#4b5563;cursor:pointer;border-bottom:3px solid transparent;margin-bottom:-2px}
[role=tab][aria-selected="true"]{color:#1d5fa8;border-bottom-color:#1d5fa8}
dl.profile{display:grid;grid-template-columns:180px 1fr;gap:8px 16px;margin:0}
dl.profile dt{color:#6b7280}
dl.profile dd{margin:0}
table.list{width:100%;border-collapse:collapse;margin-top:16px}
table.list th,table.list td{text-align:left;padding:8px 10px;border-bottom:1px solid #e5e7eb;font-size:14px}
table.list th{font-size:12px;color:#6b7280;letter-spacing:.03em}
.toolbar{display:flex;gap:12px;align-items:center;margin-bottom:8px}
.child-form{border:1px solid #dfe4ea;border-radius:6px;padding:18px;margin:12px 0;background:#fafbfc}
.child-form .row{display:grid;grid-template-columns:repeat(auto-fit,minmax(200px,1fr));gap:0 16px}
.buttons{display:flex;gap:12px;align-items:center;margin-top:8px}
.muted{color:#6b7280}
.site-footer{max-width:980px;margin:30px auto;padding:0 20px;color:#6b7280;font-size:12px}
`;
