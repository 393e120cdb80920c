// Shared by the log-in and sign-up pages (component styles, so they stay in the lazy chunk).
export const AUTH_PAGE_STYLES = `
  :host { display: block; }
  .rf-auth { max-width: 440px; }
  h1 { margin: 0 0 8px; font-size: 1.75rem; font-weight: 500; }
  .rf-auth-lead { margin: 0 0 24px; color: var(--mat-sys-on-surface-variant); }
  form { display: flex; flex-direction: column; gap: 4px; }
  mat-form-field { width: 100%; }
  .rf-submit { margin-top: 8px; height: 44px; }
  .rf-submit mat-spinner { display: inline-block; margin-right: 8px; vertical-align: middle; }
  .rf-switch { margin-top: 24px; }
`;
