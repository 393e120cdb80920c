import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import type { BillingDetails } from '@raptorflow/contracts';
import { BillingDetailsFormComponent } from './billing-details-form.component';

describe('BillingDetailsFormComponent', () => {
  function render(details: BillingDetails | null = null) {
    TestBed.configureTestingModule({ providers: [provideNoopAnimations()] });
    const fixture = TestBed.createComponent(BillingDetailsFormComponent);
    const saved: BillingDetails[] = [];
    fixture.componentInstance.save.subscribe((d) => saved.push(d));
    fixture.componentRef.setInput('details', details);
    fixture.detectChanges();
    const page = fixture.nativeElement as HTMLElement;
    const type = (selector: string, value: string) => {
      const el = page.querySelector(selector) as HTMLInputElement;
      el.value = value;
      el.dispatchEvent(new Event('input'));
      fixture.detectChanges();
    };
    const submit = () => {
      (page.querySelector('button[type="submit"]') as HTMLButtonElement).click();
      fixture.detectChanges();
    };
    const errors = () => Array.from(page.querySelectorAll('mat-error')).map((e) => e.textContent?.trim()).filter(Boolean);
    return { fixture, page, type, submit, errors, saved };
  }

  const acme: BillingDetails = { legalName: 'Acme Analytics Private Limited', address: '12 MG Road, Pune', stateCode: '27', gstin: null };

  it('names what is missing and sends nothing', () => {
    const form = render();
    form.submit();
    expect(form.errors()).toEqual(['Required', 'Required', 'Choose the state of the billing address']);
    expect(form.saved).toEqual([]);
  });

  it('refuses a mistyped GSTIN under its field, clears the message once fixed, and sends it upper-cased', () => {
    const form = render(acme);
    form.type('input[formcontrolname="gstin"]', '27AAPFU0939F1ZW');
    form.submit();
    expect(form.errors()).toEqual(['The GSTIN’s last character does not match (check for a typing mistake)']);
    expect(form.saved).toEqual([]);
    form.type('input[formcontrolname="gstin"]', ' 27aapfu0939f1zv ');
    expect(form.errors()).toEqual([]);
    form.submit();
    expect(form.saved).toEqual([{ ...acme, gstin: '27AAPFU0939F1ZV' }]);
  });

  it('refuses a GSTIN of another state than the billing address', () => {
    const form = render(acme);
    form.type('input[formcontrolname="gstin"]', '29AAGCB7383J1Z4');
    form.submit();
    expect(form.errors()).toEqual(['The GSTIN’s first two digits must be the code of the billing state']);
  });

  it('shows the API’s problem under the field it names', () => {
    const form = render(acme);
    form.fixture.componentRef.setInput('serverErrors', { legalName: 'legalName must be shorter' });
    form.fixture.detectChanges();
    expect(form.errors()).toEqual(['legalName must be shorter']);
  });
});
