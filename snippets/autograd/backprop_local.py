x, y, w = 2.0, 4.0, 1.0
y_hat = x * w
r = y_hat - y

d_yhat_d_w = x  # (1)!
d_yhat_d_x = w
d_r_d_yhat = 1.0  # (2)!
d_loss_d_r = 2 * r  # (3)!
print(d_yhat_d_w, d_yhat_d_x, d_r_d_yhat, d_loss_d_r)
