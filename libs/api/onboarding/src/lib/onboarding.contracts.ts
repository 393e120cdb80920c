import type { BusinessContextData } from '@raptorflow/contracts';

/** GET /onboarding/context: the latest finalized business_context. (Belongs in @raptorflow/contracts; kept here until moved.) */
export interface BusinessContextResponse {
  version: number;
  data: BusinessContextData;
  schemaVersion: number;
  /** ISO time. */
  createdAt: string;
}
