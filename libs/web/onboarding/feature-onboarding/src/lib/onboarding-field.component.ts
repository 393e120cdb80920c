import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { type AbstractControl, FormArray, FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { OnboardingField } from '@raptorflow/contracts';
import { controlFor, groupFor } from './step-form.model';

/** Renders one catalog field of any type, with its validation message; group lists render their sub-fields recursively. */
@Component({
  selector: 'rf-onboarding-field',
  imports: [ReactiveFormsModule, MatButtonModule, MatCheckboxModule, MatFormFieldModule, MatInputModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let f = field();
    <div class="rf-field" [attr.data-field-path]="path()" [attr.data-field-type]="f.type">
      @switch (kind()) {
        @case ('textarea') {
          <mat-form-field appearance="outline">
            <mat-label>{{ f.label }}</mat-label>
            <textarea matInput rows="3" [formControl]="asControl()" [attr.maxlength]="f.maxLength ?? null" [placeholder]="placeholder()" [required]="f.required" [aria-describedby]="describedBy()"></textarea>
            @if (example(); as text) { <mat-hint>{{ text }}</mat-hint> }
          </mat-form-field>
        }
        @case ('select') {
          <!-- The label stays above a native select, or it covers "Choose…". -->
          <mat-form-field appearance="outline" floatLabel="always">
            <mat-label>{{ f.label }}</mat-label>
            <select matNativeControl [formControl]="asControl()" [required]="f.required" [aria-describedby]="describedBy()">
              <option value="">{{ f.required ? 'Choose…' : 'None' }}</option>
              @for (option of f.options ?? []; track option.value) {
                <option [value]="option.value">{{ option.label }}</option>
              }
            </select>
          </mat-form-field>
        }
        @case ('multiselect') {
          <fieldset [attr.aria-label]="f.label" [attr.aria-describedby]="describedBy() || null">
            <legend>{{ f.label }}@if (f.maxItems) { <span class="rf-hint"> (up to {{ f.maxItems }})</span> }</legend>
            <div class="rf-options">
              @for (option of f.options ?? []; track option.value) {
                <mat-checkbox [checked]="isChosen(option.value)" (change)="toggle(option.value, $event.checked)">{{ option.label }}</mat-checkbox>
              }
            </div>
          </fieldset>
        }
        @case ('number') {
          <!-- A static type="number" so Angular's number accessor yields numbers. -->
          <mat-form-field appearance="outline">
            <mat-label>{{ f.label }}</mat-label>
            <input
              matInput
              type="number"
              [formControl]="asControl()"
              [attr.min]="f.min ?? null"
              [attr.max]="f.max ?? null"
              [attr.step]="f.type === 'integer' ? 1 : 'any'"
              [placeholder]="placeholder()"
              [required]="f.required"
              [aria-describedby]="describedBy()"
            />
            @if (example(); as text) { <mat-hint>{{ text }}</mat-hint> }
          </mat-form-field>
        }
        @case ('boolean') {
          <mat-checkbox [formControl]="asControl()" [aria-describedby]="describedBy()">{{ f.label }}</mat-checkbox>
        }
        @case ('list') {
          <fieldset [attr.aria-label]="f.label" [attr.aria-describedby]="describedBy() || null">
            <legend>{{ f.label }}@if (f.required) { <span aria-hidden="true"> *</span> }@if (f.maxItems) { <span class="rf-hint"> (up to {{ f.maxItems }})</span> }</legend>
            @if (example(); as text) { <p class="rf-hint rf-example">{{ text }}</p> }
            @for (item of asArray().controls; track item; let i = $index) {
              <div class="rf-row" [attr.data-field-path]="path() + '[' + i + ']'">
                <mat-form-field appearance="outline" subscriptSizing="dynamic">
                  <input matInput [formControl]="asItem(item)" [attr.aria-label]="f.label + ' ' + (i + 1)" [attr.maxlength]="f.maxLength ?? null" [placeholder]="f.placeholder ?? ''" [aria-describedby]="errors()[path() + '[' + i + ']'] ? errorId() + '-' + i : ''" />
                </mat-form-field>
                <button mat-button type="button" [attr.aria-label]="'Remove ' + f.label + ' ' + (i + 1)" (click)="remove(i)">Remove</button>
                @if (errors()[path() + '[' + i + ']']; as message) {
                  <p class="rf-error" [id]="errorId() + '-' + i">{{ message }}</p>
                }
              </div>
            }
            <button mat-stroked-button type="button" [disabled]="isFull()" (click)="addItem()">Add {{ f.label.toLowerCase() }}</button>
          </fieldset>
        }
        @case ('group-list') {
          <fieldset [attr.aria-label]="f.label" [attr.aria-describedby]="describedBy() || null">
            <legend>{{ f.label }}@if (f.maxItems) { <span class="rf-hint"> (up to {{ f.maxItems }})</span> }</legend>
            @for (item of asArray().controls; track item; let i = $index) {
              <fieldset class="rf-group" [attr.aria-label]="f.label + ' ' + (i + 1)">
                <legend>{{ f.label }} {{ i + 1 }}</legend>
                @for (sub of f.fields ?? []; track sub.key) {
                  <rf-onboarding-field [field]="sub" [control]="childOf(item, sub.key)" [path]="path() + '[' + i + '].' + sub.key" [errors]="errors()" />
                }
                <button mat-button type="button" [attr.aria-label]="'Remove ' + f.label + ' ' + (i + 1)" (click)="remove(i)">Remove</button>
              </fieldset>
            }
            <button mat-stroked-button type="button" [disabled]="isFull()" (click)="addGroup()">Add {{ f.label.toLowerCase() }}</button>
          </fieldset>
        }
        @default {
          <mat-form-field appearance="outline">
            <mat-label>{{ f.label }}</mat-label>
            <input
              matInput
              [type]="inputType()"
              [formControl]="asControl()"
              [attr.maxlength]="f.maxLength ?? null"
              [placeholder]="placeholder()"
              [required]="f.required"
              [aria-describedby]="describedBy()"
            />
            @if (example(); as text) { <mat-hint>{{ text }}</mat-hint> }
          </mat-form-field>
        }
      }
      @if (error(); as message) {
        <p class="rf-error" role="alert" [id]="errorId()">{{ message }}</p>
      }
    </div>
  `,
  styles: `
    :host { display: block; }
    mat-form-field { width: 100%; }
    fieldset { border: 0; padding: 0; margin: 0 0 16px; }
    legend { font-weight: 500; margin-bottom: 8px; }
    .rf-group { border: 1px solid var(--mat-sys-outline-variant, #ccc); border-radius: 8px; padding: 12px; margin-bottom: 12px; }
    .rf-options { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); }
    .rf-row { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; margin-bottom: 8px; }
    .rf-row mat-form-field { flex: 1 1 240px; }
    .rf-hint { font-weight: 400; color: var(--mat-sys-on-surface-variant); }
    .rf-example { margin: -4px 0 8px; font-size: 0.8125rem; }
    .rf-error { flex-basis: 100%; margin: -4px 0 12px; font-size: 0.8125rem; color: var(--mat-sys-error, #ba1a1a); }
  `,
})
export class OnboardingFieldComponent {
  readonly field = input.required<OnboardingField>();
  readonly control = input.required<AbstractControl>();
  /** Path inside the step, as validation errors name it ('competitors[0].name'). */
  readonly path = input.required<string>();
  readonly errors = input<Record<string, string>>({});

  protected readonly error = computed(() => this.errors()[this.path()] ?? null);
  protected readonly errorId = computed(() => `rf-error-${this.path().replace(/[^a-zA-Z0-9]+/g, '-')}`);
  // The error text below is ours, not a mat-error, so the control names it itself (Material merges this with its hints).
  protected readonly describedBy = computed(() => (this.error() ? this.errorId() : ''));
  // A catalog placeholder that is an example ("e.g. HubSpot") shows as a hint under the field, always visible.
  protected readonly example = computed(() => {
    const text = this.field().placeholder ?? '';
    return text.startsWith('e.g. ') ? `For example: ${text.slice(5)}` : null;
  });
  protected readonly placeholder = computed(() => (this.example() ? '' : (this.field().placeholder ?? '')));
  // number and integer share one input; the validator tells them apart.
  protected readonly kind = computed(() => (this.field().type === 'integer' ? 'number' : this.field().type));
  protected readonly inputType = computed(() => ({ url: 'url', date: 'date' })[this.field().type as string] ?? 'text');

  protected asControl(): FormControl {
    return this.control() as FormControl;
  }

  protected asArray(): FormArray {
    return this.control() as FormArray;
  }

  protected asItem(item: AbstractControl): FormControl {
    return item as FormControl;
  }

  protected childOf(item: AbstractControl, key: string): AbstractControl {
    return (item as FormGroup).controls[key];
  }

  protected isFull(): boolean {
    const max = this.field().maxItems;
    return max !== undefined && this.asArray().length >= max;
  }

  protected isChosen(value: string): boolean {
    return (this.control().value as string[]).includes(value);
  }

  protected toggle(value: string, checked: boolean): void {
    const current = this.control().value as string[];
    this.control().setValue(checked ? [...current, value] : current.filter((v) => v !== value));
  }

  protected addItem(): void {
    this.asArray().push(controlFor({ ...this.field(), type: 'text' }, ''));
  }

  protected addGroup(): void {
    this.asArray().push(groupFor(this.field().fields ?? [], undefined));
  }

  protected remove(index: number): void {
    this.asArray().removeAt(index);
  }
}
