import { inject } from '@angular/core';
import { ActivatedRoute } from '@angular/router';

/** `?email=` of the current page (an invitation's sign-up or log-in link fills the invited address in). */
export function prefilledEmail(): string {
  const email = inject(ActivatedRoute).snapshot.queryParamMap.get('email')?.trim() ?? '';
  return email.length <= 254 ? email : '';
}
