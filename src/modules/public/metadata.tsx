// Dublin Core and Open Graph metadata of a public page (national rules: every
// item page carries them), shared by articles, the home page and the library.

/** The <head> elements describing a page or an item. */
export function ItemMetadata(props: {
  title: string;
  description: string;
  creator: string;
  publisher: string;
  date: string;
  language: string;
  identifier: string;
  siteName: string;
  /** DC.subject; the title when not given. */
  subject?: string;
  type?: string;
  image?: string | null;
}): JSX.Element {
  return (
    <>
      <link rel="schema.DC" href="http://purl.org/dc/elements/1.1/" />
      <meta name="DC.title" content={props.title} />
      <meta name="DC.creator" content={props.creator} />
      <meta name="DC.subject" content={props.subject ?? props.title} />
      <meta name="DC.description" content={props.description} />
      <meta name="DC.publisher" content={props.publisher} />
      <meta name="DC.date" content={props.date} />
      <meta name="DC.type" content="Text" />
      <meta name="DC.format" content="text/html" />
      <meta name="DC.identifier" content={props.identifier} />
      <meta name="DC.language" content={props.language} />
      <meta name="description" content={props.description} />
      <meta property="og:type" content={props.type ?? 'article'} />
      <meta property="og:title" content={props.title} />
      <meta property="og:description" content={props.description} />
      <meta property="og:url" content={props.identifier} />
      <meta property="og:site_name" content={props.siteName} />
      <meta property="og:locale" content={props.language === 'en' ? 'en_GB' : 'vi_VN'} />
      {props.image ? <meta property="og:image" content={props.image} /> : ''}
    </>
  );
}
