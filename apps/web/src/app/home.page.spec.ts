import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { PLANS } from '@raptorflow/contracts';
import { HomePage } from './home.page';

describe('HomePage', () => {
  function render(): HTMLElement {
    TestBed.configureTestingModule({ imports: [HomePage], providers: [provideRouter([])] });
    const fixture = TestBed.createComponent(HomePage);
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  it('prices every plan of the catalog in rupees with Indian grouping', () => {
    const page = render();
    expect(PLANS.map((plan) => page.querySelector(`[data-testid="landing-price-${plan.id}"]`)?.textContent)).toEqual(['₹4,999', '₹9,999', '₹19,999']);
    expect(page.textContent).toContain('or ₹1,99,990 a year');
    expect(page.textContent).toContain('Prices are inclusive of 18% GST');
  });

  it('offers sign-up and log-in', () => {
    const links = Array.from(render().querySelectorAll('a')).map((a) => [a.textContent?.trim(), a.getAttribute('href')]);
    expect(links).toContainEqual(['Start now', '/signup']);
    expect(links).toContainEqual(['Log in', '/login']);
  });
});
