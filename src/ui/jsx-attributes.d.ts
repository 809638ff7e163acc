// HTML global attributes that @kitajs/html's types leave out.
declare namespace JSX {
  interface HtmlTag {
    /** Global since HTML 2019: the element is focused when the page opens (the error summary of a refused form). */
    autofocus?: undefined | boolean;
  }
}
