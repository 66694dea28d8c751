import torch

torch.manual_seed(0)

w = torch.tensor(0.0, requires_grad=True)
for step in range(3):
    loss = (w - 3) ** 2
    loss.backward()  # (1)!
    print(step, f"w={w.item():.2f}", w.grad)
    with torch.no_grad():
        w -= 0.1 * w.grad
