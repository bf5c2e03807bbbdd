// Spectral custom function: an operation must carry named examples for at least one 2xx response
// and for each of its 4xx responses, so that Prism can serve them (Prefer: code=..., example=...).
export default function operationHasExamples(operation) {
  const responses = operation?.responses ?? {};
  const problems = [];
  const hasExamples = (response) =>
    Object.values(response?.content ?? {}).some(
      (media) => media?.examples && Object.keys(media.examples).length > 0,
    );
  const codes = Object.keys(responses);
  if (!codes.some((code) => code.startsWith('2') && hasExamples(responses[code]))) {
    problems.push({ message: 'no 2xx response has named examples', path: ['responses'] });
  }
  for (const code of codes.filter((c) => c.startsWith('4'))) {
    if (!hasExamples(responses[code])) {
      problems.push({ message: `response ${code} has no named examples`, path: ['responses', code] });
    }
  }
  return problems;
}
