import torch

torch.manual_seed(0)

xs = [1.0, 2.0, 3.0]
ys = [2.0, 4.0, 6.0]


def train(use_data):
    w = torch.tensor([1.0], requires_grad=True)
    losses = []
    for epoch in range(100):
        for x, y in zip(xs, ys):
            loss = (x * w - y) ** 2
            loss.backward()
            if use_data:
                w.data = w.data - 0.01 * w.grad.data  # (1)!
            else:
                with torch.no_grad():
                    w -= 0.01 * w.grad
            w.grad.zero_()
            losses.append(loss.item())
    return w, losses


w_data, losses_data = train(use_data=True)
w_no_grad, losses_no_grad = train(use_data=False)
print(w_data, w_no_grad)
print("weights equal:", torch.equal(w_data, w_no_grad))
print(len(losses_data), "losses equal:", losses_data == losses_no_grad)
