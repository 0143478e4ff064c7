// The open311 module lets existing civic-tech clients file and follow cases through the Open311
// GeoReport v2 standard (/open311/v2): services are the case categories, a service request is a
// case (群众点单 from outside), its status_notes name the four-order stage. It owns the API clients
// (keys, stored hashed) and the tokens of the requests they file. Other modules import only from
// this file.
export { open311Routes } from './routes.ts';
