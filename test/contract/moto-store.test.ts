import { describe, expect, it } from 'vitest';
import { dynamoContract } from '../support/dynamo-contract.js';
import { motoAvailable, startMoto } from '../support/moto.js';

// moto is Python: present on these machines and in CI. Where it is absent the file says so
// in one passing test instead of skipping silently; dynalite still runs the contract.
if (motoAvailable()) {
  // moto's PutItem with ReturnValues is not atomic under concurrent requests (see the contract).
  dynamoContract('dynamodb on moto', startMoto, 5, { atomicConcurrentWrites: false });
} else {
  describe('dynamodb on moto', () => {
    it('is not available here (python3 -c "import moto" fails), so only dynalite runs the contract', () => {
      expect(motoAvailable()).toBe(false);
    });
  });
}
