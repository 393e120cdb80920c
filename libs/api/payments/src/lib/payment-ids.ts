import type { UserClaims } from '@raptorflow/api-platform';
import { randomBytes } from 'node:crypto';

/** A merchant order id PhonePe accepts (at most 63 characters): the founder's UCID and 12 random hex digits. */
export function newMerchantOrderId(ucid: string): string {
  return `RF_${ucid}_${randomBytes(6).toString('hex')}`;
}

/** The audit trail's actor for an owner's own action. */
export function ownerActor(claims: UserClaims) {
  return { actorId: claims.sub, actorEmail: claims.email ?? null, actorKind: 'owner' as const };
}
