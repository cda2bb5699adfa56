/**
 * A GPU in a sentence: NVIDIA's RTX cards by their spoken names ("RTX 4090", the catalog's `RTX-4090` is
 * the setting's spelling), with the article the name is read with. GPU names start with letters read
 * one by one, so the article follows the letter's sound: "an H100", "an RTX 4090", "an L4", "a T4".
 */
export function gpuSpoken(name: string): string {
  return name.startsWith('RTX-') ? name.replace(/-/g, ' ') : name;
}

export function withArticle(spoken: string): string {
  return `${/^[AEFHILMNORSX]/.test(spoken) ? 'an' : 'a'} ${spoken}`;
}
