import torch

torch.manual_seed(0)

w = torch.tensor([1.0], requires_grad=True)
loss = (1.0 * w - 2.0) ** 2
loss.backward()
print(w.grad)
w -= 0.01 * w.grad  # (1)!
