/**
 * Lesson files are named `content/lessons/NN-topic.mdx`: NN orders the course, the URL drops it
 * (`/lessons/topic/`), so lessons can be reordered without breaking links.
 */
export function lessonSlug(file: string): string {
  return (
    file
      .replace(/\.mdx?$/, "")
      .replace(/(^|\/)\d+-/g, "$1")
      .replace(/\/index$/, "") || "index"
  );
}
