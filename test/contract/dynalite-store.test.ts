import { startDynalite } from '../support/dynalite.js';
import { dynamoContract } from '../support/dynamo-contract.js';

dynamoContract('dynamodb on dynalite', startDynalite, 25);
