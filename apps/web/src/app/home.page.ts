import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { PLANS } from '@raptorflow/contracts';
import { RupeesPipe } from '@raptorflow/web-ui';

// The front door: what RaptorFlow does, how it works, what it costs (the plan catalog), and the way in.
@Component({
  selector: 'rf-home-page',
  imports: [RouterLink, MatButtonModule, RupeesPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="hero">
      <div class="rf-page">
        <p class="eyebrow">For founders who do their own marketing</p>
        <h1>The marketing operating system for founders</h1>
        <p class="lead">
          Tell RaptorFlow about your business once. Get a living manifest of who you sell to and how you win, and weekly moves that
          follow from it.
        </p>
        <div class="cta">
          <a mat-flat-button routerLink="/signup">Start now</a>
          <a mat-stroked-button routerLink="/login">Log in</a>
        </div>
      </div>
    </section>

    <section class="rf-page" aria-labelledby="what">
      <h2 id="what">What you get</h2>
      <div class="grid">
        @for (item of features; track item.title) {
          <article class="card">
            <h3>{{ item.title }}</h3>
            <p>{{ item.text }}</p>
          </article>
        }
      </div>
    </section>

    <section class="rf-page" aria-labelledby="how">
      <h2 id="how">How it works</h2>
      <ol class="grid steps">
        @for (step of steps; track step.title) {
          <li class="card">
            <h3>{{ step.title }}</h3>
            <p>{{ step.text }}</p>
          </li>
        }
      </ol>
    </section>

    <section class="rf-page" aria-labelledby="pricing">
      <h2 id="pricing">Pricing</h2>
      <p class="rf-muted">Prices are inclusive of 18% GST. Pay with UPI, cards or net banking through PhonePe.</p>
      <div class="grid">
        @for (plan of plans; track plan.id) {
          <article class="card plan">
            <h3>{{ plan.name }}</h3>
            <p class="price"><span [attr.data-testid]="'landing-price-' + plan.id">{{ plan.prices.month | rupees }}</span> <span class="per">a month</span></p>
            <p class="rf-muted">or {{ plan.prices.year | rupees }} a year (2 months free)</p>
            <ul>
              <li>{{ plan.seats === 1 ? '1 seat' : plan.seats + ' seats' }}</li>
              <li>{{ plan.rebuildsPerDay }} manifest rebuilds a day</li>
            </ul>
            <a mat-stroked-button routerLink="/signup" [queryParams]="{ plan: plan.id }">Start with {{ plan.name }}</a>
          </article>
        }
      </div>
    </section>

    <section class="rf-page closing">
      <h2>Fifteen minutes of answers, a quarter of focused marketing</h2>
      <a mat-flat-button routerLink="/signup">Start now</a>
    </section>
  `,
  styles: `
    :host { display: block; }
    .hero { background: var(--mat-sys-surface-container-low); border-bottom: 1px solid var(--mat-sys-outline-variant); }
    .hero .rf-page { padding-top: 48px; padding-bottom: 48px; }
    .eyebrow { margin: 0 0 8px; color: var(--mat-sys-primary); font: var(--mat-sys-label-large); }
    h1 { font: var(--mat-sys-display-small); max-width: 20ch; }
    .lead { font: var(--mat-sys-body-large); max-width: 60ch; margin: 0 0 24px; }
    .cta { display: flex; flex-wrap: wrap; gap: 12px; }
    .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(240px, 1fr)); gap: 16px; padding: 0; margin: 0; }
    .steps { list-style: none; counter-reset: step; }
    .steps li { counter-increment: step; }
    .steps h3::before { content: counter(step) '. '; color: var(--mat-sys-primary); }
    .card { padding: 20px; border: 1px solid var(--mat-sys-outline-variant); border-radius: var(--rf-radius); background: var(--mat-sys-surface); }
    .card p { margin: 0; }
    .plan { display: flex; flex-direction: column; gap: 8px; }
    .plan ul { margin: 0; padding-left: 20px; flex: 1; }
    .price { font: var(--mat-sys-headline-small); }
    .per { margin-left: 4px; font: var(--mat-sys-body-medium); color: var(--mat-sys-on-surface-variant); }
    section.rf-page { padding-bottom: 16px; }
    section.closing { padding-bottom: 64px; text-align: center; }
  `,
})
export class HomePage {
  protected readonly plans = PLANS;
  protected readonly features = [
    { title: 'A manifest of your business', text: 'Who you are, what you sell, whom you sell to, who you compete with and how you win: one versioned page every tool reads.' },
    { title: 'Weekly moves', text: 'A short list of marketing moves for the week, picked from your channels, budget and hours. Edit or add your own.' },
    { title: 'Progress you can see', text: 'Your baseline, your 90-day goal and the results you log each week, side by side.' },
  ];
  protected readonly steps = [
    { title: 'Sign up and pick a plan', text: 'Create an account and pay in rupees with PhonePe.' },
    { title: 'Answer 23 short questions', text: 'About 15 minutes. Every answer is saved as you go, so you can stop and come back.' },
    { title: 'Work from your manifest', text: 'Your manifest is ready in seconds; the dashboard suggests your first week of moves.' },
  ];
}
