/** The webmail's entry point: resume a session or show the login form. */
import { render } from "preact";

import "./app.css";
import * as act from "./actions.js";
import * as s from "./state.js";
import { Login, Mail } from "./views.js";

function App() {
  if (!s.ready.value) return null;
  return s.session.value ? <Mail /> : <Login />;
}

const root = document.getElementById("app");
if (root) {
  render(<App />, root);
  void act.resume();
}
