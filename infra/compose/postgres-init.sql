-- docker-compose: one user and one database per service that owns data, created on the
-- first start of the postgres container (an empty volume). Development passwords only.
create user auth with password 'dev-auth-password';
create database auth owner auth;
create user tickets with password 'dev-tickets-password';
create database tickets owner tickets;
create user orders with password 'dev-orders-password';
create database orders owner orders;
create user payments with password 'dev-payments-password';
create database payments owner payments;
create user notifications with password 'dev-notifications-password';
create database notifications owner notifications;
