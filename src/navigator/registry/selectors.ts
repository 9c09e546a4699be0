// Where the certificate registry's pages are and what their elements are called (the stand's
// README section 9.3): every path and element id the page objects (pages.ts, edit.ts) and doctor's
// survey use, in one place.

/** Addresses under the registry's base URL. */
export const PATHS = {
  login: 'login',
  create: 'applications/new',
  search: 'search',
  application: (id: string) => `applications/${encodeURIComponent(id)}`,
  api: 'api/applications',
  apiOne: (id: string) => `api/applications/${encodeURIComponent(id)}`,
};

/** Element ids of the registry's pages (stand README 9.3). */
export const SEL = {
  login: '#login',
  password: '#password',
  loginSubmit: '#login-submit',
  statusLine: '#status-line',
  form: 'form#application-form',
  childLastName: '#childLastName',
  childFirstName: '#childFirstName',
  childPatronymic: '#childPatronymic',
  birthDate: '#birthDate',
  sex: '#sex',
  documentType: '#documentType',
  documentSeries: '#documentSeries',
  documentNumber: '#documentNumber',
  getCertificate: '#get-certificate',
  certificateSection: '#certificate-section',
  over14: '#over14',
  applicantLastName: '#applicantLastName',
  applicantFirstName: '#applicantFirstName',
  applicantPatronymic: '#applicantPatronymic',
  phone: '#phone',
  email: '#email',
  municipality: '#municipality',
  chooseMunicipality: '#choose-municipality',
  municipalityDialog: 'dialog#municipality-dialog',
  municipalityChoose: '#municipality-choose',
  send: '#send',
  fieldError: '.field-error[role="alert"]',
  created: 'section#created',
  searchNumber: '#search-number',
  searchCertificate: '#search-certificate',
  searchSubmit: '#search-submit',
  application: 'section#application',
  record: 'script#application-record',
  confirm: '#confirm-pd',
  received: '#documents-received',
  refuse: '#refuse',
  refuseDialog: 'dialog#refuse-dialog',
  refuseReason: '#refuse-reason',
  refuseSubmit: '#refuse-submit',
  print: '#print',
  printBody: 'body#print',
  /** «Редактировать» on the view page, and the edit form's consents (every checkbox of its fieldset). */
  edit: '#edit',
  consents: '#consents input[type="checkbox"], input[type="checkbox"][data-consent]',
};

