/** A modular service: the mail module is all it requires. */
module com.example.service {
  requires com.lumyvo.providers.mail;
}
