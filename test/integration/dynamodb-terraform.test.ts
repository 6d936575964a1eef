import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  conversationTableDefinition,
  SESSIONS_INDEX,
  TABLE_TAGS,
  TTL_ATTRIBUTE,
} from '../../src/adapters/dynamodb/table-definition.js';

// Loaded untyped: its .d.ts pulls the DOM lib into the whole type check.
const { parse } = createRequire(import.meta.url)('@cdktf/hcl2json') as {
  // biome-ignore lint/suspicious/noExplicitAny: hcl2json returns untyped JSON
  parse(filename: string, contents: string): Promise<any>;
};

const TF_FILE = new URL('../../infra/terraform/dynamodb.tf', import.meta.url);

// biome-ignore lint/suspicious/noExplicitAny: hcl2json returns untyped JSON
async function terraform(): Promise<any> {
  return parse('dynamodb.tf', await readFile(TF_FILE, 'utf8'));
}

function keyOf(schema: readonly { AttributeName?: string; KeyType?: string }[] | undefined, type: string) {
  return schema?.find((k) => k.KeyType === type)?.AttributeName;
}

describe('infra/terraform/dynamodb.tf matches the table definition in code', () => {
  it('has the same billing mode, keys, attributes and GSI', async () => {
    const tf = await terraform();
    const [table] = tf.resource.aws_dynamodb_table.conversations;
    const code = conversationTableDefinition();

    expect(table.billing_mode).toBe(code.BillingMode);
    expect(table.hash_key).toBe(keyOf(code.KeySchema, 'HASH'));
    expect(table.range_key).toBe(keyOf(code.KeySchema, 'RANGE'));
    expect(new Set(table.attribute.map((a: { name: string; type: string }) => `${a.name}:${a.type}`))).toEqual(
      new Set(code.AttributeDefinitions?.map((a) => `${a.AttributeName}:${a.AttributeType}`)),
    );
    const indexes = code.GlobalSecondaryIndexes ?? [];
    expect(table.global_secondary_index).toHaveLength(indexes.length);
    for (const index of indexes) {
      const declared = table.global_secondary_index.find((g: { name: string }) => g.name === index.IndexName);
      expect(declared, `GSI ${index.IndexName}`).toEqual({
        name: index.IndexName,
        hash_key: keyOf(index.KeySchema, 'HASH'),
        range_key: keyOf(index.KeySchema, 'RANGE'),
        projection_type: index.Projection?.ProjectionType,
      });
    }
    expect(indexes.map((i) => i.IndexName)).toContain(SESSIONS_INDEX);
  });

  it('enables TTL on the attribute the store writes, and point-in-time recovery', async () => {
    const [table] = (await terraform()).resource.aws_dynamodb_table.conversations;
    expect(table.ttl).toEqual([{ attribute_name: TTL_ATTRIBUTE, enabled: true }]);
    expect(table.point_in_time_recovery).toEqual([{ enabled: true }]);
  });

  it('takes the table name from a variable defaulting to the app default, and applies the cost tags', async () => {
    const tf = await terraform();
    const [table] = tf.resource.aws_dynamodb_table.conversations;
    expect(table.name).toBe(['$', '{var.conversations_table_name}'].join(''));
    expect(tf.variable.conversations_table_name[0].default).toBe(conversationTableDefinition().TableName);
    expect(table.tags).toContain('local.conversation_table_tags');
    const [locals] = tf.locals;
    expect(locals.conversation_table_tags).toEqual(Object.fromEntries(TABLE_TAGS.map((t) => [t.Key, t.Value])));
  });
});
