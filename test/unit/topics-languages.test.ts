import { describe, expect, it } from 'vitest';
import { isStopWord } from '../../src/domain/analytics/stop-words.js';
import { MAX_TOPICS_PER_MESSAGE, messageTopics, topicVocabulary } from '../../src/domain/analytics/topics.js';

describe('topics in many languages (issue 13)', () => {
  it.each([
    // The pair: the same question in Chinese and English names the same one subject.
    ['zh', '你在哪里工作？', ['工作']],
    ['en', 'Where do you work?', ['work']],
    ['zh', '你对分布式系统有什么看法？', ['分布式', '系统', '看法']],
    ['zh', '我喜欢分布式系统', ['喜欢', '分布式', '系统']],
    ['zh', '你们公司用什么数据库？', ['公司', '数据库']],
    ['zh', '为什么选择这个方案？', ['选择', '方案']],
    ['ja', '東京でエンジニアとして働いています', ['東京', 'エンジニア']],
    ['ja', '機械学習の経験はありますか？', ['機械', '学習', '経験']],
    ['ja', 'どこで働いていますか？', []],
    ['de', 'Wo arbeitest du?', ['arbeitest']],
    ['de', 'Was hältst du von Kubernetes?', ['hältst', 'kubernetes']],
    ['fr', 'Où travaillez-vous ?', ['travaillez']],
    ['fr', 'Quels langages de programmation utilisez-vous ?', ['langages', 'programmation utilisez']],
    ['es', '¿Dónde trabajas?', ['trabajas']],
    ['es', '¿donde trabajas?', ['trabajas']],
    ['es', '¿Qué lenguajes de programación usas?', ['lenguajes', 'programación usas']],
    ['pt', 'Onde você trabalha?', ['trabalha']],
    ['pt', 'Quais linguagens de programação você usa?', ['linguagens', 'programação', 'usa']],
    ['it', 'Dove lavori?', ['lavori']],
    ['nl', 'Waar werk je?', ['werk']],
    ['en', 'Tell me about Kubernetes', ['kubernetes']],
    // Another language's function word is an English subject ("dog" is Danish, "man"/"hat" German).
    ['en', 'Do you have a dog?', ['dog']],
    ['en', 'Is there a sale for the man in a hat?', ['sale', 'man', 'hat']],
    ['en', 'Who is your son?', ['son']],
    ['de', 'Was ist dein Hund?', ['hund']],
    ['en', 'What about the news?', ['news']],
    ['en', 'Do you know Postgres and Rails?', ['postgres', 'rails']],
    // Verbs of asking and using name no subject; French "quoi" asks.
    ['en', 'What tools do you use?', ['tools']],
    ['en', 'Can we talk about Kafka?', ['kafka']],
    ['fr', "C'est quoi ton métier ?", ['métier']],
  ])('%s: %s', (_language, text, expected) => {
    expect(messageTopics(text)).toEqual(expected);
  });

  it.each([
    '你',
    '在',
    '你在',
    '哪里',
    '什么',
    '怎么',
    '如何',
    'どこ',
    'として',
    'です',
    'ます',
    'Dónde',
    'DONDE',
    'où',
    'vous',
    'welche',
    'welchem',
    'du',
    'você',
    'onde',
    'dove',
    'waar',
    'where',
  ])('%s is a function word', (word) => {
    expect(isStopWord(word)).toBe(true);
  });

  it.each(['工作', '系统', '東京', 'エンジニア', 'kubernetes', 'work', 'travail', 'trabajo', 'sistema'])(
    '%s is not a function word',
    (word) => {
      expect(isStopWord(word)).toBe(false);
    },
  );

  it.each([
    ['<img src=x onerror=alert(1)> tell me about kafka', ['kafka']],
    ['<a href="https://evil.example/x?y=1" onclick="steal()">click</a> observability', ['click', 'observability']],
    ['&lt;img src=x onerror=alert(1)&gt; scaling', ['scaling']],
    ['<script>document.cookie</script> tracing', ['tracing']],
    ['<!-- hidden comment --> latency', ['latency']],
    ['```js\nconst secretValue = fetchToken();\n``` how do you deploy?', ['deploy']],
    // "safe" only carries feeling (VADER), so it is not a subject either.
    ['Is `kubectl apply` safe? rollouts', ['rollouts']],
    [
      'Read https://example.com/blog/kafka-streams?ref=twin then www.example.org/page about caching',
      ['read', 'caching'],
    ],
    ['javascript:alert(document.domain) data:text/html;base64,PHNjcmlwdD4= terraform', ['terraform']],
    ['<img src=x onerror=alert(1)', []],
  ])('markup never becomes a topic: %j', (text, expected) => {
    expect(messageTopics(text)).toEqual(expected);
  });

  it("keeps the owner's spelling for profile names, plural or not", () => {
    const vocabulary = topicVocabulary({ name: 'Ada', skills: ['Kubernetes', 'Error budgets'] });
    expect(messageTopics('How do you run kubernetes?', vocabulary)).toEqual(['run', 'Kubernetes']);
    expect(messageTopics('How do you set an error budget?', vocabulary)).toEqual(['set', 'Error budgets']);
  });

  it('keeps a bounded number of topics from the start of a long message', () => {
    const words = Array.from({ length: 400 }, (_, i) => `subject${String.fromCharCode(97 + (i % 26))}${i}`);
    const topics = messageTopics(words.join(', '));
    expect(topics).toHaveLength(MAX_TOPICS_PER_MESSAGE);
    expect(topics[0]).toBe(words[0]);
  });
});
