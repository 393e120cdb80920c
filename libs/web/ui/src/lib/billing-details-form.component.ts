import { ChangeDetectionStrategy, Component, effect, inject, input, output } from '@angular/core';
import { AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, ValidationErrors, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { type BillingDetails, GST_STATES, GSTIN_PROBLEM_MESSAGES, gstinProblem } from '@raptorflow/contracts';

const normalizeGstin = (value: string) => value.replace(/\s+/g, '').toUpperCase();

/**
 * Who GST tax invoices are made out to. Checks the GSTIN with the same rule as the API (format, the billing
 * state's code, check character) and shows the API's own field problems (`serverErrors`) under each input.
 */
@Component({
  selector: 'rf-billing-details-form',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate aria-label="Billing details">
      <mat-form-field>
        <mat-label>Legal name</mat-label>
        <input matInput formControlName="legalName" autocomplete="organization" maxlength="200" />
        <mat-hint>As registered for GST, or your own name</mat-hint>
        <mat-error>{{ message('legalName') }}</mat-error>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Billing address</mat-label>
        <textarea matInput formControlName="address" autocomplete="street-address" rows="2" maxlength="500"></textarea>
        <mat-error>{{ message('address') }}</mat-error>
      </mat-form-field>
      <mat-form-field>
        <mat-label>State</mat-label>
        <mat-select formControlName="stateCode">
          @for (state of states; track state.code) {
            <mat-option [value]="state.code">{{ state.name }} ({{ state.code }})</mat-option>
          }
        </mat-select>
        <mat-hint>Decides CGST + SGST or IGST</mat-hint>
        <mat-error>{{ message('stateCode') }}</mat-error>
      </mat-form-field>
      <mat-form-field>
        <mat-label>GSTIN (optional)</mat-label>
        <input matInput formControlName="gstin" autocomplete="off" maxlength="20" />
        <mat-hint>Leave empty if you are not registered for GST. Example: 27AAPFU0939F1ZV</mat-hint>
        <mat-error>{{ message('gstin') }}</mat-error>
      </mat-form-field>
      <button mat-flat-button type="submit" [disabled]="saving()">Save billing details</button>
    </form>
  `,
  styles: `
    form { display: grid; gap: 4px; max-width: 560px; }
    mat-form-field { width: 100%; }
    button { justify-self: start; }
  `,
})
export class BillingDetailsFormComponent {
  readonly details = input<BillingDetails | null>(null);
  readonly serverErrors = input<Record<string, string>>({});
  readonly saving = input(false);
  readonly save = output<BillingDetails>();

  protected readonly states = GST_STATES;
  protected readonly form = inject(NonNullableFormBuilder).group(
    {
      legalName: ['', [Validators.required, Validators.maxLength(200)]],
      address: ['', [Validators.required, Validators.maxLength(500)]],
      stateCode: ['', Validators.required],
      gstin: [''],
    },
    { validators: (group: AbstractControl) => this.checkGstin(group) },
  );

  constructor() {
    effect(() => {
      const details = this.details();
      if (details) this.form.reset({ ...details, gstin: details.gstin ?? '' });
    });
    // The API's problems show until the field is changed.
    effect(() => {
      for (const [field, problem] of Object.entries(this.serverErrors())) {
        const control = this.form.get(field);
        control?.setErrors({ server: problem });
        control?.markAsTouched();
      }
    });
  }

  protected message(field: string): string {
    const errors = this.form.get(field)?.errors ?? {};
    if (errors['server']) return errors['server'];
    if (errors['gstin']) return errors['gstin'];
    if (errors['required']) return field === 'stateCode' ? 'Choose the state of the billing address' : 'Required';
    return '';
  }

  protected submit(): void {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    const value = this.form.getRawValue();
    this.save.emit({ legalName: value.legalName.trim(), address: value.address.trim(), stateCode: value.stateCode, gstin: normalizeGstin(value.gstin) || null });
  }

  // Sets the GSTIN control's own error so mat-error shows it under that field.
  private checkGstin(group: AbstractControl): ValidationErrors | null {
    const gstin = group.get('gstin');
    if (!gstin) return null;
    const value = normalizeGstin(gstin.value ?? '');
    const problem = value ? gstinProblem(value, group.get('stateCode')?.value ?? '') : null;
    const errors: ValidationErrors = { ...(gstin.errors ?? {}) };
    delete errors['gstin'];
    if (problem) errors['gstin'] = GSTIN_PROBLEM_MESSAGES[problem];
    gstin.setErrors(Object.keys(errors).length ? errors : null, { emitEvent: false });
    return null;
  }
}
