import { ApplicationRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { Action } from '@ngrx/store';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { AuthPageActions, type AuthState, initialAuthState } from '@raptorflow/web-auth-data-access';
import { App } from './app';

describe('App toolbar', () => {
  async function render(auth: Partial<AuthState>) {
    TestBed.configureTestingModule({ imports: [App], providers: [provideRouter([]), provideMockStore({ initialState: { auth: { ...initialAuthState, ...auth } } })] });
    const dispatched: Action[] = [];
    TestBed.inject(MockStore).scannedActions$.subscribe((action) => dispatched.push(action));
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    return { page: fixture.nativeElement as HTMLElement, dispatched };
  }

  it('shows the signed-in user and a log-out button', async () => {
    const { page, dispatched } = await render({ status: 'signed-in', email: 'asha@example.com' });
    expect(page.querySelector('mat-toolbar')?.textContent).toContain('asha@example.com');
    const logOut = Array.from(page.querySelectorAll('button')).find((b) => b.textContent?.includes('Log out'));
    logOut?.click();
    expect(dispatched).toContainEqual(AuthPageActions.signOutClicked());
  });

  it('offers log-in and sign-up when signed out', async () => {
    const { page } = await render({ status: 'signed-out' });
    expect(page.textContent).not.toContain('Log out');
    const links = Array.from(page.querySelectorAll('mat-toolbar a')).map((a) => [a.textContent?.trim(), a.getAttribute('href')]);
    expect(links).toEqual([['RaptorFlow', '/'], ['Log in', '/login'], ['Sign up', '/signup']]);
  });

  it('switches between the system, dark and light themes and remembers the choice', async () => {
    localStorage.removeItem('rf-theme');
    const { page } = await render({ status: 'signed-out' });
    const root = document.documentElement;
    const toggle = Array.from(page.querySelectorAll('button')).find((b) => b.textContent?.includes('Theme'));
    expect(toggle?.textContent?.trim()).toBe('Theme: system');
    toggle?.click();
    await TestBed.inject(ApplicationRef).whenStable();
    expect(root.classList.contains('rf-dark')).toBe(true);
    expect(localStorage.getItem('rf-theme')).toBe('dark');
    toggle?.click();
    await TestBed.inject(ApplicationRef).whenStable();
    expect([root.classList.contains('rf-dark'), root.classList.contains('rf-light')]).toEqual([false, true]);
  });
});
