import { UnauthenticatedError } from '#domain';
import { bearerToken, signToken, verifyToken } from './jwt.js';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';

describe('bearer tokens', () => {
  it('a token signed by `npm run token` verifies to its actor', async () => {
    const token = await signToken(
      { sub: 'mgr-1', role: 'unit_manager', unit: 'management', name: '管理学院' },
      SECRET,
    );
    const { actor, expiresAt } = await verifyToken(token, SECRET);
    expect(actor).toEqual({ id: 'mgr-1', role: 'unit_manager', unitId: 'management', name: '管理学院' });
    expect(expiresAt * 1000).toBeGreaterThan(Date.now() + 11 * 3_600_000);
  });

  it('a wrong secret is UNAUTHENTICATED', async () => {
    const token = await signToken({ sub: 'office-1', role: 'office' }, SECRET);
    await expect(verifyToken(token, `${SECRET}x`)).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it('reads only "Bearer <token>" headers', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken('bearer   abc')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeNull();
    expect(bearerToken(undefined)).toBeNull();
  });
});
