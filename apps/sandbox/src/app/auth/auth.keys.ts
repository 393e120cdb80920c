import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import { forbidden } from './auth.errors';

export interface AccessClaims extends JWTPayload {
  sub: string;
  session_id: string;
}

export interface SigningKeys {
  kid: string;
  publicJwk: JWK;
  sign(claims: JWTPayload): Promise<string>;
  verify(token: string): Promise<AccessClaims>;
}

// A fixed key (SANDBOX_JWT_PRIVATE_JWK) lets several sandbox processes and restarts accept each other's tokens.
export async function loadSigningKeys(privateJwk: JWK | null): Promise<SigningKeys> {
  const jwk = privateJwk ?? (await exportJWK((await generateKeyPair('ES256', { extractable: true })).privateKey));
  const { kty, crv, x, y } = jwk;
  const kid = jwk.kid ?? (await calculateJwkThumbprint({ kty, crv, x, y }));
  const privateKey = (await importJWK({ ...jwk, alg: 'ES256' }, 'ES256')) as CryptoKey;
  const publicKey = (await importJWK({ kty, crv, x, y }, 'ES256')) as CryptoKey;
  return {
    kid,
    publicJwk: { kty, crv, x, y, kid, alg: 'ES256', use: 'sig', key_ops: ['verify'], ext: true },
    sign: (claims) => new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' }).sign(privateKey),
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, publicKey, { algorithms: ['ES256'], requiredClaims: ['sub', 'exp'] });
        if (typeof payload.sub !== 'string' || typeof payload['session_id'] !== 'string') throw new Error('missing sub or session_id claim');
        return payload as AccessClaims;
      } catch (error) {
        throw forbidden('bad_jwt', `invalid JWT: unable to parse or verify signature, ${(error as Error).message}`);
      }
    },
  };
}
