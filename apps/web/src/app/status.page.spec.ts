import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { StatusPage } from './status.page';

describe('StatusPage', () => {
  function render() {
    TestBed.configureTestingModule({ imports: [StatusPage], providers: [provideHttpClient(), provideHttpClientTesting()] });
    const fixture = TestBed.createComponent(StatusPage);
    fixture.detectChanges();
    return { fixture, http: TestBed.inject(HttpTestingController) };
  }

  it('lists each dependency with its state', async () => {
    const { fixture, http } = render();
    http.expectOne('/api/v1/health/ready').flush({ status: 'ok', checks: { postgres: { status: 'up' }, redis: { status: 'up' } } });
    await fixture.whenStable();
    expect(fixture.nativeElement.textContent).toContain('postgres: up');
    expect(fixture.nativeElement.textContent).toContain('redis: up');
  });

  it('shows a degraded dependency from a 503 answer', async () => {
    const { fixture, http } = render();
    http
      .expectOne('/api/v1/health/ready')
      .flush({ status: 'degraded', checks: { postgres: { status: 'up' }, redis: { status: 'down' } } }, { status: 503, statusText: 'Unavailable' });
    await fixture.whenStable();
    expect(fixture.nativeElement.textContent).toContain('redis: down');
  });

  it('says so when the API cannot be reached', async () => {
    const { fixture, http } = render();
    http.expectOne('/api/v1/health/ready').error(new ProgressEvent('error'));
    await fixture.whenStable();
    expect(fixture.nativeElement.textContent).toContain('The API cannot be reached');
  });
});
