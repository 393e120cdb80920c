import { TestBed } from '@angular/core/testing';
import type { BcmEnrichment } from '@raptorflow/contracts';
import { BcmAiSuggestionsComponent } from './bcm-ai-suggestions.component';

function render(enrichment: BcmEnrichment): HTMLElement {
  const fixture = TestBed.createComponent(BcmAiSuggestionsComponent);
  fixture.componentRef.setInput('enrichment', enrichment);
  fixture.detectChanges();
  return fixture.nativeElement as HTMLElement;
}

describe('BcmAiSuggestionsComponent', () => {
  it('shows the rewrite and the move ideas', () => {
    const el = render({ provider: 'vertex-ai/gemini-2.5-flash', positioningRewrite: 'Close your books in a day.', moveIdeas: ['Post a GST checklist', 'Email 10 CA firms'] });
    expect(el.querySelector('h2')?.textContent).toBe('AI suggestions');
    expect(el.querySelector('[data-testid="ai-positioning"]')?.textContent).toBe('Close your books in a day.');
    expect(Array.from(el.querySelectorAll('[data-testid="ai-move-ideas"] li')).map((li) => li.textContent?.trim())).toEqual(['Post a GST checklist', 'Email 10 CA firms']);
  });

  it('leaves out the part the model did not suggest', () => {
    const el = render({ provider: 'vertex-ai/gemini-2.5-flash', moveIdeas: ['Run a webinar'] });
    expect(el.querySelector('[data-testid="ai-positioning"]')).toBeNull();
    expect(el.querySelectorAll('[data-testid="ai-move-ideas"] li')).toHaveLength(1);
  });
});
