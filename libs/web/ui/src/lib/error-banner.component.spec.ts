import { TestBed } from '@angular/core/testing';
import { ErrorBannerComponent } from './error-banner.component';

describe('ErrorBannerComponent', () => {
  function render(message: string | null) {
    const fixture = TestBed.createComponent(ErrorBannerComponent);
    fixture.componentRef.setInput('message', message);
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  it('announces the message as an alert', () => {
    const alert = render('Wrong email or password').querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('Wrong email or password');
  });

  it('renders nothing without a message', () => {
    expect(render(null).querySelector('[role="alert"]')).toBeNull();
  });
});
